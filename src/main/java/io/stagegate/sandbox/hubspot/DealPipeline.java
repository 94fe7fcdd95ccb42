package io.stagegate.sandbox.hubspot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A simulated deal pipeline: its id (the {@code pipeline} value), label, order and stages in display order. */
record DealPipeline(String id, String label, int displayOrder, List<DealStage> stages) {
    DealPipeline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        stages = List.copyOf(stages);
    }

    Optional<DealStage> stage(String stageId) {
        for (DealStage stage : stages) {
            if (stage.id().equals(stageId)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}

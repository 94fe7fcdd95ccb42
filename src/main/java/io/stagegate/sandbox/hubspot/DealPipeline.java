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
        return stages.stream().filter(stage -> stage.id().equals(stageId)).findFirst();
    }
}

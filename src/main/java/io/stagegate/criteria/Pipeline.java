package io.stagegate.criteria;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered buyer journey for one Salesforce record type / sales process or one HubSpot pipeline, with its closed-won
 * and closed-lost ends. Built once per playbook; lookups by CRM stage value are constant time.
 */
public final class Pipeline {
    private final String key;
    private final String label;
    private final List<String> crmPipelines;
    private final List<JourneyStage> stages;
    private final ClosedOutcome won;
    private final ClosedOutcome lost;
    private final Map<String, StagePosition> positions;

    public Pipeline(String key, String label, List<String> crmPipelines, List<JourneyStage> stages, ClosedOutcome won, ClosedOutcome lost) {
        this.key = Objects.requireNonNull(key, "key");
        this.label = Objects.requireNonNull(label, "label");
        this.crmPipelines = List.copyOf(crmPipelines);
        this.stages = List.copyOf(stages);
        this.won = Objects.requireNonNull(won, "won");
        this.lost = Objects.requireNonNull(lost, "lost");
        if (this.stages.isEmpty()) {
            throw new IllegalArgumentException("pipeline '" + key + "' has no journey stages");
        }
        this.positions = indexPositions();
    }

    private Map<String, StagePosition> indexPositions() {
        Map<String, StagePosition> index = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            for (CrmStage crmStage : stages.get(i).crmStages()) {
                put(index, new StagePosition(StagePosition.Kind.OPEN, i, crmStage));
            }
        }
        won.crmStages().forEach(crmStage -> put(index, new StagePosition(StagePosition.Kind.WON, stages.size(), crmStage)));
        lost.crmStages().forEach(crmStage -> put(index, new StagePosition(StagePosition.Kind.LOST, -1, crmStage)));
        return Map.copyOf(index);
    }

    private void put(Map<String, StagePosition> index, StagePosition position) {
        if (index.putIfAbsent(position.crmStage().value(), position) != null) {
            throw new IllegalArgumentException("CRM stage '" + position.crmStage().value() + "' is mapped twice in pipeline '" + key + "'");
        }
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Salesforce record type ids / developer names, or HubSpot pipeline ids, that select this pipeline. */
    public List<String> crmPipelines() {
        return crmPipelines;
    }

    public List<JourneyStage> stages() {
        return stages;
    }

    public JourneyStage stage(int index) {
        return stages.get(index);
    }

    public ClosedOutcome won() {
        return won;
    }

    public ClosedOutcome lost() {
        return lost;
    }

    /** Where a CRM stage value sits in this journey, if it is mapped. */
    public Optional<StagePosition> position(String crmStage) {
        return Optional.ofNullable(positions.get(crmStage));
    }

    StagePosition positionOrNull(String crmStage) {
        return positions.get(crmStage);
    }

    /** Every CRM stage value this pipeline maps, in journey order, open stages first. */
    public List<CrmStage> crmStages() {
        List<CrmStage> all = new ArrayList<>();
        stages.forEach(stage -> all.addAll(stage.crmStages()));
        all.addAll(won.crmStages());
        all.addAll(lost.crmStages());
        return all;
    }

    @Override
    public String toString() {
        return "Pipeline[" + key + "]";
    }
}

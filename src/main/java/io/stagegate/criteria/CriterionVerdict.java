package io.stagegate.criteria;

import java.util.Objects;

/** The verdict on one exit criterion of the journey stage at {@code stageIndex}, with the value it saw. */
public record CriterionVerdict(ExitCriterion criterion, int stageIndex, boolean met, String observed) {
    public CriterionVerdict {
        Objects.requireNonNull(criterion, "criterion");
    }

    public String key() {
        return criterion.key();
    }
}

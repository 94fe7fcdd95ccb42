package io.stagegate.criteria;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An observed move from CRM stage {@code fromStage} to {@code toStage}. A forward move (advance or win) <em>skipped
 * criteria</em> when some exit criterion of a stage in [from, to) was unmet when it was observed; it <em>skipped
 * stages</em> when it passed over whole journey stages, which may be legitimate.
 */
public record StageTransition(
        String fromStage,
        String toStage,
        Instant at,
        Kind kind,
        List<String> skippedStages,
        List<CriterionVerdict> unmetCriteria) {

    public enum Kind {
        /** Forward to a later open journey stage. */
        ADVANCE,
        /** Forward to closed won. */
        WON,
        /** To closed lost. */
        LOST,
        /** Backward to an earlier journey stage. */
        REGRESSION,
        /** Between two CRM stages of the same journey stage. */
        WITHIN_STAGE,
        /** Out of a closed stage. */
        REOPENED,
        /** From or to a CRM stage the playbook does not map (a retired picklist value, say). */
        UNMAPPED
    }

    public StageTransition {
        Objects.requireNonNull(fromStage, "fromStage");
        Objects.requireNonNull(toStage, "toStage");
        Objects.requireNonNull(kind, "kind");
        skippedStages = List.copyOf(skippedStages);
        unmetCriteria = List.copyOf(unmetCriteria);
    }

    public boolean isForward() {
        return kind == Kind.ADVANCE || kind == Kind.WON;
    }

    public boolean skippedCriteria() {
        return !unmetCriteria.isEmpty();
    }

    public boolean skippedStagesFlag() {
        return !skippedStages.isEmpty();
    }

    public boolean isRegression() {
        return kind == Kind.REGRESSION;
    }
}

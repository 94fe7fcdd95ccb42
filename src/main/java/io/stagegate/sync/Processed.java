package io.stagegate.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What processing one read record decided: the new state row, the moves first seen, and what the outbox must do. */
record Processed(
        String id,
        Disposition disposition,
        StateRow state,
        List<StoredTransition> newTransitions,
        OutboxAction outbox,
        Map<String, Object> outputs) {

    enum Disposition {
        /** An older version than the one already processed: nothing changes. */
        STALE,
        /** Evaluated. */
        EVALUATED,
        /** Deleted in the CRM. */
        DELETED,
        /** Could not be evaluated (a stage the playbook does not map, a bad currency): kept with the reason. */
        UNEVALUABLE
    }

    enum OutboxAction {
        /** Nothing to do. */
        NONE,
        /** The CRM already holds the right values (or the record is gone): a waiting row is no longer needed. */
        CLEAR_PENDING,
        /** Queue {@link #outputs} to be written (replacing a waiting row). */
        WRITE,
        /** Record {@link #outputs} as what would be written: write-back is off for this opportunity. */
        SHADOW
    }

    static Processed stale(String id) {
        return new Processed(id, Disposition.STALE, null, List.of(), OutboxAction.NONE, null);
    }

    /** One row of {@code opportunity_state}. */
    record StateRow(
            String id,
            String pipeline,
            String stage,
            String owner,
            String currency,
            BigDecimal amount,
            LocalDate closeDate,
            String status,
            String recordedStage,
            String qualifiedStage,
            boolean overStaged,
            boolean stageSkip,
            BigDecimal recordedForecast,
            BigDecimal qualifiedForecast,
            String inputsJson,
            String evaluationJson,
            String crmOutputsJson,
            String desiredOutputsJson,
            String problem,
            Instant modifiedAt,
            Instant readAt) {
    }
}

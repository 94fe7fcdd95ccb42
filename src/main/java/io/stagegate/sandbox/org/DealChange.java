package io.stagegate.sandbox.org;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a rep did to one deal at one instant, CRM-neutral: a simulator applies it to its store (stage value with a
 * history row, field values, related-record counts, amount, close date) in its own id formats.
 *
 * @param seq the deal ({@link SyntheticDeal#seq()})
 * @param at when it happened; always after the deal's latest stage change
 * @param stage the new CRM stage value, or {@code null} when the stage stays
 * @param fields field values set (never cleared), by field API name; typed as in {@link SyntheticDeal#fields()}
 * @param related related-record counts set (absolute, not deltas), by relation name
 * @param amount the new amount, or {@code null}
 * @param closeDate the new close date, or {@code null} (closing a deal sets it to the day it closed)
 */
public record DealChange(
        int seq,
        Instant at,
        Action action,
        String stage,
        Map<String, Object> fields,
        Map<String, Integer> related,
        BigDecimal amount,
        LocalDate closeDate) {

    /** What the rep did; see {@link ScenarioDriver} for when and how often. */
    public enum Action {
        /** Recorded evidence that meets an unmet exit criterion (blocking ones first). */
        FILL_CRITERION,
        /** Booked a next step, or moved the one booked to a later day. */
        BOOK_NEXT_STEP,
        /** Moved one journey stage forward with every exit criterion met, or between two CRM stages of one journey stage. */
        ADVANCE,
        /** Moved forward although exit criteria were unmet, or over whole journey stages. */
        ADVANCE_SKIPPING,
        /** Moved back one journey stage. */
        REGRESS,
        CLOSE_WON,
        CLOSE_LOST,
        CHANGE_AMOUNT,
        /** Let the close date slip, or pulled it in. */
        CHANGE_CLOSE_DATE,
        /** Added one or two buyer stakeholders to the deal (contact roles, associated contacts): a related count grows. */
        ADD_STAKEHOLDER
    }

    public DealChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        related = related == null ? Map.of() : Map.copyOf(related);
    }

    public boolean changesStage() {
        return stage != null;
    }
}

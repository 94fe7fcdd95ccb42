package io.stagegate.backtest;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded change of an opportunity, as the CRM's history keeps it: at {@code at}, {@code subject} (or the criteria
 * field {@code field}) went from {@code oldValue} to {@code newValue}. Values are typed (BigDecimal, LocalDate, Boolean,
 * String) or raw text as the CRM wrote them; {@code null} is an empty value. Stage, amount and close date are subjects
 * of their own because every CRM keeps their history whether or not field tracking is on (Salesforce
 * {@code OpportunityHistory}), and their names differ by CRM.
 */
public record Change(Instant at, Subject subject, String field, Object oldValue, Object newValue) {

    public enum Subject { STAGE, AMOUNT, CLOSE_DATE, FIELD }

    public Change {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(subject, "subject");
        if ((subject == Subject.FIELD) != (field != null)) {
            throw new IllegalArgumentException("a change names a field exactly when its subject is FIELD, got " + subject + " " + field);
        }
    }

    public static Change stage(Instant at, String oldStage, String newStage) {
        return new Change(at, Subject.STAGE, null, oldStage, newStage);
    }

    public static Change amount(Instant at, Object oldAmount, Object newAmount) {
        return new Change(at, Subject.AMOUNT, null, oldAmount, newAmount);
    }

    public static Change closeDate(Instant at, Object oldDate, Object newDate) {
        return new Change(at, Subject.CLOSE_DATE, null, oldDate, newDate);
    }

    public static Change field(Instant at, String field, Object oldValue, Object newValue) {
        return new Change(at, Subject.FIELD, Objects.requireNonNull(field, "field"), oldValue, newValue);
    }

    /** The key this change is grouped under: the subject, or the field's name. */
    String key() {
        return subject == Subject.FIELD ? field : keyOf(subject);
    }

    /** The key of a subject's changes; "$" cannot start a CRM field name, so it never meets a field's key. */
    static String keyOf(Subject subject) {
        return "$" + subject;
    }
}

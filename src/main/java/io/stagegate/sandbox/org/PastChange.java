package io.stagegate.sandbox.org;

import java.time.Instant;
import java.util.Objects;

/**
 * One change a rep made to a generated deal before today, besides its stage moves (those are in
 * {@link SyntheticDeal#history()}): a criteria field filled in or changed, the amount revised, the close date pushed.
 * Values are typed as in {@link SyntheticDeal#fields()} (Boolean, BigDecimal, LocalDate, String); {@code oldValue}
 * is {@code null} when the field was empty.
 *
 * @param field the playbook field API name for {@link Kind#FIELD}; {@code null} for the amount and the close date
 */
public record PastChange(Kind kind, String field, Object oldValue, Object newValue, Instant at) {
    /** What changed. */
    public enum Kind { FIELD, AMOUNT, CLOSE_DATE }

    public PastChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if ((kind == Kind.FIELD) != (field != null)) {
            throw new IllegalArgumentException("a FIELD change names its field, an " + kind + " change none");
        }
    }
}

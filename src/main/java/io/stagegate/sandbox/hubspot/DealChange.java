package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one write did to one deal, and who made it ({@code source}): the properties whose value changed (a cleared value is {@code ""}), each with its
 * source. Calculated properties that followed (stage probability, closed flags, stage dates) are included with
 * source {@link ChangeSource#CALCULATED}.
 */
public record DealChange(String dealId, Kind kind, Instant occurredAt, ChangeSource source, List<PropertyChange> changes) {
    public enum Kind { CREATED, UPDATED, ARCHIVED }

    /** One property's new value. */
    public record PropertyChange(String name, String value, ChangeSource source) {
        public PropertyChange {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }

    public DealChange {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        changes = List.copyOf(changes);
    }
}

package io.stagegate.sandbox.org;

import java.util.Map;

/**
 * Field values and related-record counts produced for rules: {@code fields} keyed by field API name (typed values:
 * Boolean, BigDecimal, LocalDate, String; an absent field is simply not in the map), {@code related} keyed by relation
 * name.
 */
public record FieldValues(Map<String, Object> fields, Map<String, Integer> related) {
    public FieldValues {
        fields = Map.copyOf(fields);
        related = Map.copyOf(related);
    }
}

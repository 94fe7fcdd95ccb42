package io.stagegate.crm;

import java.util.Map;
import java.util.Objects;

/** The output-field values to write on one record; {@code null} values clear a field. */
public record FieldUpdate(String id, Map<String, Object> values) {
    public FieldUpdate {
        Objects.requireNonNull(id, "id");
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}

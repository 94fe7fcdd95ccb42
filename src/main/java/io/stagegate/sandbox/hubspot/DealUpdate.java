package io.stagegate.sandbox.hubspot;

import java.util.Map;
import java.util.Objects;

/** New values for some properties of one deal; {@code ""} or {@code null} clears a value. */
public record DealUpdate(String id, Map<String, String> properties) {
    public DealUpdate {
        Objects.requireNonNull(id, "id");
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}

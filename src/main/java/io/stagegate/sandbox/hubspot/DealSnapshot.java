package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A deal of the simulated portal at one moment: every property that has a value (all strings, as HubSpot stores
 * them), the record timestamps, and the number of associated records per object type (e.g. {@code contacts}).
 */
public record DealSnapshot(String id, Map<String, String> properties, Instant createdAt, Instant updatedAt, boolean archived,
        Map<String, Integer> associationCounts) {

    public DealSnapshot {
        Objects.requireNonNull(id, "id");
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        associationCounts = Map.copyOf(associationCounts);
    }

    public String property(String name) {
        return properties.get(name);
    }
}

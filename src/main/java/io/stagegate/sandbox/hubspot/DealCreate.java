package io.stagegate.sandbox.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deal to create through the API: its property values (as sent, validated by the portal) and the records to
 * associate it with, ids by object type ({@code contacts}, {@code companies}).
 */
record DealCreate(Map<String, String> properties, Map<String, List<String>> associations) {
    DealCreate {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        associations.forEach((type, ids) -> copy.put(type, List.copyOf(ids)));
        associations = java.util.Collections.unmodifiableMap(copy);
    }
}

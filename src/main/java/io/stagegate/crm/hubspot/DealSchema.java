package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's deal properties as {@code GET /crm/v3/properties/deals} lists them, by internal name: their type, field
 * type, group and whether HubSpot calculates them (read-only).
 */
record DealSchema(Map<String, Property> properties) {

    record Property(String name, String label, String type, String fieldType, String groupName, boolean readOnly) {
    }

    static DealSchema of(JsonNode listing) {
        Map<String, Property> byName = new LinkedHashMap<>();
        for (JsonNode property : listing.path("results")) {
            String name = property.path("name").asText("");
            if (!name.isEmpty()) {
                JsonNode modification = property.path("modificationMetadata");
                boolean readOnly = property.path("calculated").asBoolean(false) || modification.path("readOnlyValue").asBoolean(false);
                byName.put(name, new Property(name, property.path("label").asText(name), property.path("type").asText(""),
                        property.path("fieldType").asText(""), property.path("groupName").asText(""), readOnly));
            }
        }
        return new DealSchema(Map.copyOf(byName));
    }

    Optional<Property> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    boolean has(String name) {
        return properties.containsKey(name);
    }

    /** The property's type ({@code string}, {@code number}, {@code bool}, {@code date}, {@code datetime}, {@code enumeration}), or null. */
    String typeOf(String name) {
        Property property = properties.get(name);
        return property == null ? null : property.type();
    }
}

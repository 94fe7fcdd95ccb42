package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading request parameters and bodies of the simulated API, refusing bad ones the way HubSpot does (400). */
final class HubSpotRequests {
    private static final Set<String> DEAL_TYPES = Set.of("deals", "deal", "0-3");

    private HubSpotRequests() {
    }

    /** Deals are addressable as {@code deals} and by their object type id {@code 0-3}. */
    static void requireDeals(String objectType) {
        if (!DEAL_TYPES.contains(objectType)) {
            throw HubSpotApiException.validation("Unable to infer object type from: " + objectType);
        }
    }

    /** Comma-separated values, given once or as a repeated parameter. */
    static List<String> csv(List<String> parameters) {
        List<String> values = new ArrayList<>();
        if (parameters != null) {
            for (String parameter : parameters) {
                for (String value : parameter.split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.trim());
                    }
                }
            }
        }
        return values;
    }

    static int limit(String text, int fallback, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw HubSpotApiException.validation("limit must be a whole number, was '" + text + "'");
        }
        if (limit < 1 || limit > max) {
            throw HubSpotApiException.validation("limit must be between 1 and " + max + ", was " + limit);
        }
        return limit;
    }

    static JsonNode json(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            throw HubSpotApiException.validation("Invalid input JSON: the request body is empty");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw HubSpotApiException.validation("Invalid input JSON: the request body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw HubSpotApiException.validation("Invalid input JSON on line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    static List<String> strings(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw HubSpotApiException.validation("Invalid input JSON: " + name + " must be an array of strings");
        }
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A {@code properties} object: numbers and booleans are taken as their text, {@code null} clears. */
    static Map<String, String> properties(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [properties]");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> properties.put(field.getKey(), field.getValue().isNull() ? null
                : field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
        return properties;
    }

    /**
     * The {@code associations} of a create, {@code [{"to":{"id"},"types":[{"associationCategory","associationTypeId"}]}]},
     * as associated ids by object type: HubSpot-defined type 3 is deal to contact, 5 and 341 deal to company.
     */
    static Map<String, List<String>> associations(JsonNode node) {
        Map<String, List<String>> associations = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return associations;
        }
        if (!node.isArray()) {
            throw HubSpotApiException.validation("Invalid input JSON: associations must be an array");
        }
        for (JsonNode association : node) {
            String to = text(association.path("to").get("id"));
            if (to == null || !to.matches("\\d{1,18}")) {
                throw HubSpotApiException.validation("Invalid input JSON: an association needs the numeric id of the record it points to, was " + to);
            }
            JsonNode types = association.path("types");
            if (!types.isArray() || types.isEmpty()) {
                throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [types]");
            }
            for (JsonNode type : types) {
                String object = associatedObject(text(type.get("associationCategory")), type.path("associationTypeId").asInt(-1));
                List<String> ids = associations.computeIfAbsent(object, key -> new ArrayList<>());
                if (!ids.contains(to)) {
                    ids.add(to);
                }
            }
        }
        return associations;
    }

    private static String associatedObject(String category, int typeId) {
        if ("HUBSPOT_DEFINED".equals(category)) {
            if (typeId == 3) {
                return "contacts";
            }
            if (typeId == 5 || typeId == 341) {
                return "companies";
            }
        }
        throw HubSpotApiException.validation("association type " + category + " " + typeId + " is not a deal-to-contact (3) or deal-to-company (5, 341) "
                + "association this sandbox keeps");
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * The API client a write is counted for: HubSpot has no call-options header like Salesforce's, and the sandbox accepts
     * one private-app token, so clients are told apart by the product name their {@code User-Agent} starts with
     * ({@code stagegate/1.4 (java)} is {@code stagegate}); {@code unknown} without one.
     */
    static String client(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String product = userAgent.trim().split("[/\\s;(]", 2)[0];
        return product.isEmpty() ? "unknown" : product;
    }
}

package io.stagegate.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Output-field values as the sync engine compares, stores and writes them. Two values are the same when the CRM would
 * hold the same thing: numbers by value (75 = 75.0), an empty text like no text, and a missing checkbox like false.
 */
final class OutputValues {
    /** Keeps the scale of decimals (12.50 stays 12.50). */
    private static final JsonNodeFactory EXACT = JsonNodeFactory.withExactBigDecimals(true);

    static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private OutputValues() {
    }

    /** The CRM-held values of {@code fields} (all fields read) for the given output names. */
    static Map<String, Object> held(Map<String, Object> fields, Iterable<String> outputNames) {
        Map<String, Object> held = new LinkedHashMap<>();
        for (String name : outputNames) {
            held.put(name, fieldIgnoringCase(fields, name));
        }
        return held;
    }

    private static Object fieldIgnoringCase(Map<String, Object> fields, String name) {
        if (fields.containsKey(name)) {
            return fields.get(name);
        }
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Whether every value of {@code desired} is held by {@code actual} (extra keys in {@code actual} are ignored). */
    static boolean same(Map<String, Object> desired, Map<String, Object> actual) {
        if (actual == null) {
            return false;
        }
        for (Map.Entry<String, Object> entry : desired.entrySet()) {
            if (!sameValue(entry.getValue(), fieldIgnoringCase(actual, entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameValue(Object a, Object b) {
        return Objects.equals(canonical(a), canonical(b));
    }

    /** A value in a form where equal CRM values are equal strings; {@code null} for "nothing" (null, "", false). */
    static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "true" : null;
        }
        if (value instanceof BigDecimal) {
            BigDecimal number = ((BigDecimal) value).stripTrailingZeros();
            return number.signum() == 0 ? "0" : number.toPlainString();
        }
        if (value instanceof Number) {
            return canonical(new BigDecimal(value.toString()));
        }
        if (value instanceof JsonNode) {
            return canonical(fromJson((JsonNode) value));
        }
        String text = value.toString();
        if (text.isEmpty()) {
            return null;
        }
        if ("false".equalsIgnoreCase(text)) {
            return null;
        }
        if ("true".equalsIgnoreCase(text)) {
            return "true";
        }
        if (looksNumeric(text)) {
            try {
                return canonical(new BigDecimal(text));
            } catch (NumberFormatException notANumber) {
                return text;
            }
        }
        return text;
    }

    private static boolean looksNumeric(String text) {
        char first = text.charAt(0);
        return (first >= '0' && first <= '9') || ((first == '-' || first == '.') && text.length() > 1);
    }

    /** Values as a JSON object keeping their types (numbers exact, booleans, text, null). */
    static String toJson(Map<String, Object> values) {
        ObjectNode node = EXACT.objectNode();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            put(node, entry.getKey(), entry.getValue());
        }
        return node.toString();
    }

    /** Puts one typed value: numbers exact, booleans, dates as ISO text, anything else as text. */
    static void put(ObjectNode node, String key, Object value) {
        if (value == null) {
            node.putNull(key);
        } else if (value instanceof Boolean) {
            node.put(key, (Boolean) value);
        } else if (value instanceof BigDecimal) {
            node.put(key, (BigDecimal) value);
        } else if (value instanceof Number) {
            node.put(key, new BigDecimal(value.toString()));
        } else {
            node.put(key, value.toString());
        }
    }

    /** The inverse of {@link #toJson}: numbers as BigDecimal, booleans, text, null. */
    static Map<String, Object> fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, Object> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), fromJson(field.getValue()));
            }
            return values;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored output values are not JSON: " + e.getMessage(), e);
        }
    }

    private static Object fromJson(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asText();
    }
}

package io.stagegate.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of the simulated Salesforce, with its own mapper so the service's Jackson settings never change the
 * wire format (nulls are written, numbers as Salesforce writes them).
 */
final class SalesforceJson {
    static final String MEDIA_TYPE = "application/json;charset=UTF-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SalesforceJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response", e);
        }
    }

    static Response ok(Object body) {
        return Response.ok(write(body), MEDIA_TYPE).build();
    }

    /** Reads a request body; unreadable JSON is the {@code JSON_PARSER_ERROR} Salesforce answers with. */
    static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw SalesforceApiException.jsonParser("The request body is either invalid or incomplete");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at [line:" + e.getLocation().getLineNr() + ", column:" + e.getLocation().getColumnNr() + "]";
            throw SalesforceApiException.jsonParser(e.getOriginalMessage() + where);
        }
    }

    /** The error array: {@code [{"message","errorCode","fields"}]}, fields left out where Salesforce leaves them out. */
    static Response error(SalesforceApiException e) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (SalesforceApiException.ApiError error : e.errors()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("message", error.message());
            item.put("errorCode", error.errorCode());
            if (error.fields() != null) {
                item.put("fields", error.fields());
            }
            body.add(item);
        }
        Response.ResponseBuilder response = Response.status(e.status()).entity(write(body)).type(MEDIA_TYPE);
        return response.build();
    }

    /** A record's written values as Java values (String, BigDecimal, Boolean, null), {@code attributes} left out. */
    static Map<String, Object> values(JsonNode record, String objectName, Iterable<String> skip) {
        if (record == null || !record.isObject()) {
            throw SalesforceApiException.jsonParser("Cannot deserialize instance of " + objectName + " from "
                    + (record == null ? "VALUE_NULL" : token(record)) + " value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        record.fields().forEachRemaining(entry -> {
            for (String name : skip) {
                if (name.equalsIgnoreCase(entry.getKey())) {
                    return;
                }
            }
            values.put(entry.getKey(), value(entry.getKey(), entry.getValue()));
        });
        return values;
    }

    private static Object value(String field, JsonNode node) {
        switch (node.getNodeType()) {
            case NULL:
                return null;
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.decimalValue();
            case BOOLEAN:
                return node.booleanValue();
            default:
                throw SalesforceApiException.jsonParser("Cannot deserialize instance of " + field + " from " + token(node) + " value");
        }
    }

    private static String token(JsonNode node) {
        return node.getNodeType() == JsonNodeType.ARRAY ? "START_ARRAY" : node.getNodeType() == JsonNodeType.OBJECT ? "START_OBJECT"
                : "VALUE_" + node.getNodeType().name();
    }
}

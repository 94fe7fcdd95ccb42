package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A non-2xx answer from HubSpot, before classification. Raised by {@link HubSpotErrorMapper}, turned into a
 * {@link io.stagegate.crm.CrmException} by {@link HubSpotErrors}; never leaves the package. HubSpot's error envelope
 * ({@code status, message, category, policyName, errors[]}) is read leniently: the docs say every field is optional.
 */
final class HubSpotHttpException extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String body;
    private final JsonNode json;
    private final String retryAfter;

    HubSpotHttpException(int status, String body, String retryAfter) {
        super("HTTP " + status);
        this.status = status;
        this.body = body == null ? "" : body;
        this.json = parse(this.body);
        this.retryAfter = retryAfter;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null; // an edge proxy's HTML page: the excerpt of the body is the message
        }
    }

    int status() {
        return status;
    }

    /** The raw body: read by batch responses that arrive as errors (a 207 never does, a 400 of a batch may). */
    String body() {
        return body;
    }

    /** HubSpot's {@code category} ({@code VALIDATION_ERROR}, {@code MISSING_SCOPES}, {@code RATE_LIMITS}…), or "". */
    String category() {
        return field("category");
    }

    /** The 429 policy ({@code TEN_SECONDLY_ROLLING}, {@code DAILY}, {@code SECONDLY}), or "". */
    String policy() {
        return field("policyName");
    }

    /** HubSpot's message, or a short excerpt of the body. */
    String detailMessage() {
        if (json != null) {
            return field("message");
        }
        String text = body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** The scopes a 403 MISSING_SCOPES names ({@code errors[].context.requiredGranularScopes}), comma-separated, or "". */
    String requiredScopes() {
        StringBuilder scopes = new StringBuilder();
        if (json != null) {
            for (JsonNode error : json.path("errors")) {
                for (JsonNode scope : error.path("context").path("requiredGranularScopes")) {
                    scopes.append(scopes.length() == 0 ? "" : ", ").append(scope.asText());
                }
            }
        }
        return scopes.toString();
    }

    /** The {@code Retry-After} header (seconds), or null. */
    String retryAfter() {
        return retryAfter;
    }

    private String field(String name) {
        return json == null ? "" : json.path(name).asText("");
    }

    @Override
    public String getMessage() {
        String category = category();
        String message = detailMessage();
        return "HTTP " + status + (category.isEmpty() ? "" : " " + category) + (message.isEmpty() ? "" : ": " + message);
    }
}

package io.stagegate.sandbox.hubspot;

import java.util.List;
import java.util.Map;

/** A request the simulated API refuses, rendered as HubSpot's error envelope with this status and category. */
final class HubSpotApiException extends RuntimeException {
    private final int status;
    private final String category;
    private final String subCategory;
    private final Map<String, List<String>> context;
    private final List<ErrorBody.Detail> errors;

    HubSpotApiException(int status, String category, String message, String subCategory, Map<String, List<String>> context, List<ErrorBody.Detail> errors) {
        super(message);
        this.status = status;
        this.category = category;
        this.subCategory = subCategory;
        this.context = context;
        this.errors = errors;
    }

    static HubSpotApiException validation(String message) {
        return new HubSpotApiException(400, "VALIDATION_ERROR", message, null, null, null);
    }

    static HubSpotApiException notFound(String message, Map<String, List<String>> context) {
        return new HubSpotApiException(404, "OBJECT_NOT_FOUND", message, null, context, null);
    }

    /** The 404 of a single-object read or write: "Object not found.  objectId are usually numeric." (two spaces). */
    static HubSpotApiException objectNotFound(String id) {
        return notFound("Object not found.  objectId are usually numeric.", Map.of("id", List.of(id)));
    }

    static HubSpotApiException conflict(String message) {
        return new HubSpotApiException(409, "CONFLICT", message, null, null, null);
    }

    int status() {
        return status;
    }

    ErrorBody body(String correlationId) {
        return new ErrorBody("error", getMessage(), correlationId, category, subCategory, errors, context, null);
    }
}

package io.stagegate.sandbox.salesforce;

import java.util.List;

/** A REST call the simulated Salesforce answers with an error: the HTTP status and Salesforce's error array. */
final class SalesforceApiException extends RuntimeException {
    /**
     * One element of the error array; {@code fields} is {@code null} where Salesforce leaves the key out (session and
     * query errors), a list (maybe empty) on record errors.
     */
    record ApiError(String message, String errorCode, List<String> fields) {
    }

    private final int status;
    private final List<ApiError> errors;

    SalesforceApiException(int status, String errorCode, String message) {
        super(errorCode + ": " + message);
        this.status = status;
        this.errors = List.of(new ApiError(message, errorCode, null));
    }

    SalesforceApiException(int status, List<ApiError> errors) {
        super(errors.get(0).errorCode() + ": " + errors.get(0).message());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    static SalesforceApiException of(int status, SalesforceRecordException e) {
        List<ApiError> errors = new java.util.ArrayList<>();
        e.errors().forEach(error -> errors.add(new ApiError(error.message(), error.statusCode(), error.fields())));
        return new SalesforceApiException(status, errors);
    }

    static SalesforceApiException notFound() {
        return new SalesforceApiException(404, "NOT_FOUND", "The requested resource does not exist");
    }

    static SalesforceApiException sessionInvalid() {
        return new SalesforceApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }

    static SalesforceApiException jsonParser(String message) {
        return new SalesforceApiException(400, "JSON_PARSER_ERROR", message);
    }

    static SalesforceApiException methodNotAllowed(String method, String allowed) {
        return new SalesforceApiException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
    }

    int status() {
        return status;
    }

    List<ApiError> errors() {
        return errors;
    }
}

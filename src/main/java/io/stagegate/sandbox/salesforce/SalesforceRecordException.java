package io.stagegate.sandbox.salesforce;

import java.util.List;

/**
 * A write the simulated org refuses, with Salesforce's error code ({@code INVALID_FIELD},
 * {@code INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST}, ...), message and the fields concerned.
 */
public final class SalesforceRecordException extends RuntimeException {
    private final String errorCode;
    private final List<String> fields;

    public SalesforceRecordException(String errorCode, String message, List<String> fields) {
        super(message);
        this.errorCode = errorCode;
        this.fields = List.copyOf(fields);
    }

    SalesforceRecordException(SaveError error) {
        this(error.statusCode(), error.message(), error.fields());
    }

    public String errorCode() {
        return errorCode;
    }

    public List<String> fields() {
        return fields;
    }

    SaveError toSaveError() {
        return new SaveError(errorCode, getMessage(), fields);
    }
}

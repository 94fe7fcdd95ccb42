package io.stagegate.sandbox.salesforce;

import java.util.List;

/**
 * A write the simulated org refuses, with Salesforce's error code ({@code INVALID_FIELD},
 * {@code INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST}, ...), message and the fields concerned.
 */
public final class SalesforceRecordException extends RuntimeException {
    private final String errorCode;
    private final List<String> fields;
    private final List<SaveError> errors;

    public SalesforceRecordException(String errorCode, String message, List<String> fields) {
        super(message);
        this.errorCode = errorCode;
        this.fields = List.copyOf(fields);
        this.errors = List.of(new SaveError(errorCode, message, this.fields));
    }

    /** A refusal with several errors (Salesforce reports every problem of a record); the first one is the headline. */
    SalesforceRecordException(List<SaveError> errors) {
        super(errors.get(0).message());
        this.errorCode = errors.get(0).statusCode();
        this.fields = errors.get(0).fields();
        this.errors = List.copyOf(errors);
    }

    public String errorCode() {
        return errorCode;
    }

    public List<String> fields() {
        return fields;
    }

    /** Every error of the refused record. */
    List<SaveError> errors() {
        return errors;
    }
}

package io.stagegate.crm.salesforce;

/**
 * A non-2xx answer from Salesforce, before classification. Raised by {@link SalesforceErrorMapper}, turned into a
 * {@link io.stagegate.crm.CrmException} by {@link SalesforceErrors}; never leaves the package. The body never holds
 * our token (Salesforce does not echo it), so it may appear in messages.
 */
final class SalesforceHttpException extends RuntimeException {
    private final int status;
    private final String body;
    private final SalesforceErrors.Detail detail;

    SalesforceHttpException(int status, String body) {
        super("HTTP " + status);
        this.status = status;
        this.body = body == null ? "" : body;
        this.detail = SalesforceErrors.detail(this.body);
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }

    /** Salesforce's errorCode (REST) or error (OAuth), or "" when the body had none. */
    String code() {
        return detail.code();
    }

    /** Salesforce's message (REST) or error_description (OAuth), or a short excerpt of the body. */
    String detailMessage() {
        return detail.message();
    }

    @Override
    public String getMessage() {
        return "HTTP " + status + (code().isEmpty() ? "" : " " + code()) + (detailMessage().isEmpty() ? "" : ": " + detailMessage());
    }
}

package io.stagegate.crm.salesforce;

/**
 * A query Salesforce gave up on in a way the caller repairs instead of retrying the same call: the cursor expired
 * ({@code INVALID_QUERY_LOCATOR}: restart from the saved keyset cursor) or the query ran too long ({@code QUERY_TIMEOUT}:
 * shrink the window). Never leaves the package.
 */
final class QueryAborted extends RuntimeException {
    private final String code;

    QueryAborted(SalesforceHttpException cause) {
        super(cause.getMessage(), cause);
        this.code = cause.code();
    }

    boolean timedOut() {
        return SalesforceErrors.QUERY_TIMEOUT.equals(code);
    }
}

package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.DailyQuota;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Salesforce's retry guidance as code: which answers are retried with backoff, which park until the quota recovers,
 * and which an admin must fix. Token-endpoint errors get a message that says what to fix.
 */
final class SalesforceErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(406, 420, 429);
    private static final Set<String> RETRYABLE_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");
    static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    static final String QUERY_TIMEOUT = "QUERY_TIMEOUT";
    static final String INVALID_QUERY_LOCATOR = "INVALID_QUERY_LOCATOR";
    static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";

    private SalesforceErrors() {
    }

    /** The code and message of an error body: REST {@code [{"errorCode","message"}]} or OAuth {@code {"error","error_description"}}. */
    record Detail(String code, String message) {
    }

    static Detail detail(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode first = json != null && json.isArray() && !json.isEmpty() ? json.get(0) : json;
            if (first != null && first.isObject()) {
                if (first.hasNonNull("errorCode")) {
                    return new Detail(first.get("errorCode").asText(), first.path("message").asText(""));
                }
                if (first.hasNonNull("error")) {
                    return new Detail(first.get("error").asText(), first.path("error_description").asText(""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (an edge proxy's HTML page): fall through to an excerpt
        }
        String text = body == null ? "" : body.strip();
        return new Detail("", text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    /** A failed data-API call (not 401, which the caller answers with one refresh and a replay). */
    static CrmException classify(SalesforceHttpException e, DailyQuota quota) {
        int status = e.status();
        String code = e.code();
        String what = "Salesforce answered " + e.getMessage();
        if (REQUEST_LIMIT_EXCEEDED.equals(code)) {
            if (e.detailMessage().toLowerCase(Locale.ROOT).contains("concurrent")) {
                return new CrmException.Retryable(what + " (too many long-running requests at once; retrying)", code, Duration.ofSeconds(1), e);
            }
            quota.exhausted();
            return quotaExhausted(what + ": the org's daily API request limit is used up", code, quota.nextCheck());
        }
        if (status >= 500 || RETRYABLE_STATUS.contains(status) || RETRYABLE_CODES.contains(code)) {
            return new CrmException.Retryable(what, code, Duration.ZERO, e);
        }
        if (status == 401) {
            return new CrmException.Fatal(what + " even with a fresh session: check that the integration user is active, "
                    + "not frozen, and allowed to use the API from this address (profile login IP ranges, the app's IP relaxation)", code, e);
        }
        if (code.startsWith("INVALID_FIELD") || code.equals("INVALID_TYPE") || code.equals("MALFORMED_QUERY")) {
            return new CrmException.Fatal(what + ": a field or object the playbook maps is missing or hidden from the integration user "
                    + "by field-level security; run the setup validation, deploy deploy/salesforce and assign the Stagegate_Integration permission set", code, e);
        }
        if (code.equals("API_DISABLED_FOR_ORG") || code.equals("API_CURRENTLY_DISABLED") || code.startsWith("INSUFFICIENT_ACCESS")) {
            return new CrmException.Fatal(what + ": give the integration user the API Enabled permission and read access to opportunities "
                    + "(the Stagegate_Integration permission set)", code, e);
        }
        return new CrmException.Fatal(what, code, e);
    }

    /** A failed token request: every OAuth error but a rate limit needs an admin. */
    static CrmException classifyLogin(SalesforceHttpException e, SalesforceConfig.AuthFlow flow) {
        String code = e.code();
        String description = e.detailMessage();
        String lower = description.toLowerCase(Locale.ROOT);
        String what = "Salesforce refused to log in (" + (code.isEmpty() ? "HTTP " + e.status() : code)
                + (description.isEmpty() ? "" : ": " + description) + ")";
        if (e.status() >= 500 || code.equals("rate_limit_exceeded") || RETRYABLE_STATUS.contains(e.status())) {
            return new CrmException.Retryable(what, code, Duration.ZERO, e);
        }
        return new CrmException.Fatal(what + ": " + loginAdvice(code, lower, flow), code, e);
    }

    private static String loginAdvice(String code, String description, SalesforceConfig.AuthFlow flow) {
        return switch (code) {
            case "invalid_grant" -> invalidGrantAdvice(description, flow);
            case "invalid_client_id" -> "Salesforce does not know this consumer key: set STAGEGATE_SALESFORCE_CLIENT_ID to the app's consumer key "
                    + "(a new app can take a few minutes to become available)";
            case "invalid_client" -> flow == SalesforceConfig.AuthFlow.CLIENT_CREDENTIALS
                    ? "the consumer key or secret is wrong: set STAGEGATE_SALESFORCE_CLIENT_ID and STAGEGATE_SALESFORCE_CLIENT_SECRET "
                            + "from the app's consumer details, and enable the client credentials flow on the app"
                    : "the app refused the client: check STAGEGATE_SALESFORCE_CLIENT_ID and that the app allows the JWT bearer flow";
            case "inactive_user" -> "the integration user is inactive: reactivate the user or configure another one";
            case "inactive_org" -> "the org is locked or inactive";
            case "unsupported_grant_type" -> "the app does not allow this OAuth flow: enable it on the connected app / external client app";
            default -> "check the connector settings (STAGEGATE_SALESFORCE_*) against deploy/salesforce/README.md";
        };
    }

    private static String invalidGrantAdvice(String description, SalesforceConfig.AuthFlow flow) {
        if (description.contains("approve")) {
            return "the connected app's user is not pre-authorized: set the app's Permitted Users to \"Admin approved users are "
                    + "pre-authorized\" and approve the integration user's profile or permission set";
        }
        if (description.contains("audience")) {
            return "the JWT audience is wrong: set STAGEGATE_SALESFORCE_JWT_AUDIENCE to https://login.salesforce.com "
                    + "(https://test.salesforce.com for a sandbox org)";
        }
        if (description.contains("expired")) {
            return "the JWT assertion was judged expired: check this server's clock (NTP)";
        }
        if (description.contains("domain")) {
            return "the client credentials flow must use the org's My Domain URL: set STAGEGATE_SALESFORCE_LOGIN_URL to "
                    + "https://<MyDomain>.my.salesforce.com";
        }
        if (description.contains("client credentials") || description.contains("user")) {
            return flow == SalesforceConfig.AuthFlow.CLIENT_CREDENTIALS
                    ? "set the app's client credentials run-as user (an active user with API access)"
                    : "check STAGEGATE_SALESFORCE_USERNAME: it must be the integration user's exact username";
        }
        return flow == SalesforceConfig.AuthFlow.JWT
                ? "check the username, that the certificate uploaded to the app matches STAGEGATE_SALESFORCE_PRIVATE_KEY, "
                        + "and that the user is pre-authorized"
                : "check the client credentials and the app's run-as user";
    }

    static CrmException.QuotaExhausted quotaExhausted(String message, String code, Instant resumeAt) {
        return new CrmException.QuotaExhausted(message, code, resumeAt);
    }
}

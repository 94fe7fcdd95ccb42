package io.stagegate.crm.hubspot;

import io.stagegate.crm.CrmException;
import java.time.Duration;
import java.util.Locale;

/**
 * HubSpot's error guidance as code (hubspot.md §3, §6): which answers are retried, which 429 policy means what, which
 * park until the daily limit recovers, and which an admin must fix, with a message naming the scope or variable.
 */
final class HubSpotErrors {
    static final String TEN_SECONDLY = "TEN_SECONDLY_ROLLING";
    static final String DAILY = "DAILY";
    static final String SECONDLY = "SECONDLY";
    /** The burst window when the headers did not say otherwise. */
    static final Duration BURST_WINDOW = Duration.ofSeconds(10);
    /** HubSpot locks a record for 2 s (423). */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    private HubSpotErrors() {
    }

    /** A failed data-API call (a 401 is answered first with one OAuth refresh and a replay, where possible). */
    static CrmException classify(HubSpotHttpException e, HubSpotLimits limits) {
        int status = e.status();
        String what = "HubSpot answered " + e.getMessage();
        if (status == 429) {
            return rateLimited(e, limits, what);
        }
        if (status == 423) {
            limits.pause(LOCK_WAIT);
            return new CrmException.Retryable(what + " (the record is locked for 2 s)", e.category(), LOCK_WAIT, e);
        }
        if (status == 477 || status >= 500 || status == 408) {
            return new CrmException.Retryable(what, e.category(), retryAfter(e), e);
        }
        if (status == 401) {
            return new CrmException.Fatal(what + ": set STAGEGATE_HUBSPOT_ACCESS_TOKEN to the private app's access token "
                    + "(or, for a public app, STAGEGATE_HUBSPOT_REFRESH_TOKEN and STAGEGATE_HUBSPOT_OAUTH_CLIENT_ID)", e.category(), e);
        }
        if (status == 403) {
            String scopes = e.requiredScopes();
            if ("MISSING_SCOPES".equals(e.category()) || !scopes.isEmpty()) {
                return new CrmException.Fatal("HubSpot refused the call: the app lacks the scope" + (scopes.contains(",") ? "s " : " ")
                        + (scopes.isEmpty() ? "this call needs" : scopes) + ". Grant crm.objects.deals.read, crm.objects.deals.write, "
                        + "crm.schemas.deals.read and crm.schemas.deals.write to the app (private app: Settings → Integrations → Private apps → Scopes; "
                        + "a public app must be reinstalled) and update STAGEGATE_HUBSPOT_ACCESS_TOKEN if the token changed", "MISSING_SCOPES", e);
            }
            return new CrmException.Fatal(what + ": the app may not make this call in this portal", e.category(), e);
        }
        return new CrmException.Fatal(what, e.category(), e);
    }

    private static CrmException rateLimited(HubSpotHttpException e, HubSpotLimits limits, String what) {
        String policy = e.policy().toUpperCase(Locale.ROOT);
        String message = e.detailMessage().toLowerCase(Locale.ROOT);
        if (policy.equals(DAILY) || message.contains("daily limit")) {
            limits.daily().exhausted();
            return new CrmException.QuotaExhausted(what + ": the portal's daily API request limit is used up (shared with every app of the portal)",
                    DAILY, limits.daily().nextCheck());
        }
        if (policy.equals(SECONDLY) || message.contains("secondly limit")) {
            limits.searchLimited();
            return new CrmException.Retryable(what + " (search allows 5 requests per second per portal; slowing down)", SECONDLY, Duration.ofSeconds(1), e);
        }
        // TEN_SECONDLY_ROLLING, and any 429 without a known policy: wait for the burst window to pass
        limits.pause(limits.burstWindow());
        return new CrmException.Retryable(what + " (the ten-secondly burst limit; waiting for the window to pass)", TEN_SECONDLY, limits.burstWindow(), e);
    }

    /** A failed OAuth refresh: every error but a rate limit or outage needs an admin. */
    static CrmException classifyRefresh(HubSpotHttpException e) {
        if (e.status() >= 500 || e.status() == 429) {
            return new CrmException.Retryable("the HubSpot token endpoint answered " + e.getMessage(), e.category(), Duration.ZERO, e);
        }
        String body = e.body();
        String advice;
        if (body.contains("BAD_CLIENT_ID")) {
            advice = "set STAGEGATE_HUBSPOT_OAUTH_CLIENT_ID to the public app's client id";
        } else if (body.contains("BAD_CLIENT_SECRET")) {
            advice = "set STAGEGATE_HUBSPOT_CLIENT_SECRET to the public app's client secret";
        } else if (body.contains("BAD_REFRESH_TOKEN") || body.contains("invalid_grant")) {
            advice = "the refresh token is invalid, expired or revoked: reinstall the app in the portal and set STAGEGATE_HUBSPOT_REFRESH_TOKEN "
                    + "to the new installation's refresh token";
        } else {
            advice = "check STAGEGATE_HUBSPOT_OAUTH_CLIENT_ID, STAGEGATE_HUBSPOT_CLIENT_SECRET and STAGEGATE_HUBSPOT_REFRESH_TOKEN";
        }
        return new CrmException.Fatal("HubSpot refused to refresh the OAuth access token (" + e.getMessage() + "): " + advice, "BAD_REFRESH_TOKEN", e);
    }

    private static Duration retryAfter(HubSpotHttpException e) {
        String header = e.retryAfter();
        if (header != null) {
            try {
                return Duration.ofSeconds(Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                // an HTTP date, or garbage: the backoff decides
            }
        }
        return Duration.ZERO;
    }
}

package io.stagegate.crm.hubspot;

import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The bearer token of every call. A private app's token is static. A public app's OAuth access token lives 30 minutes
 * and HubSpot says a 401 is no reliable sign of expiry, so it is refreshed ahead of its expiry, with one refresh in
 * flight: callers that find the token still valid while another thread refreshes go on with it, only callers holding
 * an expired (or rejected) token wait. Tokens are never logged or put into messages.
 */
@ApplicationScoped
class HubSpotTokens {
    private static final Logger LOG = Logger.getLogger(HubSpotTokens.class);

    private final HubSpotConfig config;
    private final HubSpotClients clients;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Access access;
    /** HubSpot may hand out a new refresh token with a refresh; the latest one is used from then on. */
    private volatile String refreshToken;

    /** An access token and when it expires ({@link Instant#MAX} for a private app's). */
    record Access(String token, Instant expiresAt) {
        String bearer() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "Access[expiresAt=" + expiresAt + "]";
        }
    }

    HubSpotTokens(HubSpotConfig config, HubSpotClients clients, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.clock = clock;
    }

    /** The token to send now, refreshed first when it is due. */
    Access current() {
        if (config.authFlow() == HubSpotConfig.AuthFlow.PRIVATE_APP) {
            return new Access(required(config.accessToken(), "STAGEGATE_HUBSPOT_ACCESS_TOKEN", "the private app's access token"), Instant.MAX);
        }
        Access held = access;
        Instant now = clock.instant();
        if (held != null && now.isBefore(held.expiresAt().minus(config.refreshAhead()))) {
            return held;
        }
        if (held != null && now.isBefore(held.expiresAt()) && !refreshing.tryLock()) {
            return held; // due soon, and another thread refreshes it already
        }
        if (!refreshing.isHeldByCurrentThread()) {
            refreshing.lock();
        }
        try {
            Access latest = access;
            if (latest != null && latest != held && clock.instant().isBefore(latest.expiresAt().minus(config.refreshAhead()))) {
                return latest;
            }
            access = refresh();
            return access;
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * After HubSpot rejected {@code rejected} with a 401: a private app's token cannot be renewed here (Fatal); an OAuth
     * token is refreshed once, unless another thread has done so already.
     */
    Access renew(Access rejected) {
        if (config.authFlow() == HubSpotConfig.AuthFlow.PRIVATE_APP) {
            throw new CrmException.Fatal("HubSpot rejected the private app's access token: set STAGEGATE_HUBSPOT_ACCESS_TOKEN to the token shown "
                    + "under Settings → Integrations → Private apps (a rotated token invalidates the old one)", "INVALID_AUTHENTICATION", null);
        }
        refreshing.lock();
        try {
            Access latest = access;
            if (latest != null && latest != rejected) {
                return latest;
            }
            access = refresh();
            return access;
        } finally {
            refreshing.unlock();
        }
    }

    /** Forgets the access token, e.g. after the credentials changed. */
    void forget() {
        access = null;
        refreshToken = null;
    }

    private Access refresh() {
        MultivaluedMap<String, String> form = new AbstractMultivaluedMap<>(new LinkedHashMap<>()) { };
        form.add("grant_type", "refresh_token");
        form.add("client_id", required(config.oauthClientId(), "STAGEGATE_HUBSPOT_OAUTH_CLIENT_ID", "the public app's client id"));
        form.add("client_secret", required(config.clientSecret(), "STAGEGATE_HUBSPOT_CLIENT_SECRET", "the public app's client secret"));
        String refresh = refreshToken != null ? refreshToken
                : required(config.refreshToken(), "STAGEGATE_HUBSPOT_REFRESH_TOKEN", "the refresh token of the app's installation in the portal");
        form.add("refresh_token", refresh);
        Instant requestedAt = clock.instant();
        OAuthToken token;
        try {
            token = clients.oauth().token(form);
        } catch (HubSpotHttpException e) {
            throw HubSpotErrors.classifyRefresh(e);
        } catch (ProcessingException e) {
            throw new CrmException.Retryable("cannot reach the HubSpot token endpoint: " + e.getMessage(), null, Duration.ZERO, e);
        }
        if (token == null || token.accessToken() == null || token.accessToken().isBlank() || token.expiresIn() <= 0) {
            throw new CrmException.Fatal("the HubSpot token endpoint answered without access_token or expires_in: check STAGEGATE_HUBSPOT_BASE_URL",
                    null, null);
        }
        if (token.refreshToken() != null && !token.refreshToken().isBlank()) {
            refreshToken = token.refreshToken();
        }
        // the lifetime counts from the request: the answer may have taken a while
        Instant expiresAt = requestedAt.plusSeconds(token.expiresIn());
        LOG.debugf("Refreshed the HubSpot access token; it expires at %s", expiresAt);
        return new Access(token.accessToken(), expiresAt);
    }

    private static String required(Optional<String> value, String variable, String what) {
        return value.filter(text -> !text.isBlank()).orElseThrow(() ->
                new CrmException.Fatal("the HubSpot connector needs " + variable + " (" + what + ")", null, null));
    }
}

package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * One method per HubSpot call. Each call checks the daily share first, waits for room in the burst window (and, for
 * search, in the per-second limit), authenticates, answers a 401 of an OAuth token with one refresh and one replay,
 * and translates failures into {@link CrmException}s; {@link CrmException.Retryable} ones are retried here with
 * jittered exponential backoff (the smallest unit, so a retry never repeats calls that succeeded). Timeout, circuit
 * breaker and bulkhead sit on {@link HubSpotGateway}.
 */
@ApplicationScoped
@Retry(maxRetries = 5, delay = 500, jitter = 250, maxDuration = 120_000, retryOn = CrmException.Retryable.class,
        abortOn = {CrmException.Fatal.class, CrmException.QuotaExhausted.class})
@ExponentialBackoff(factor = 2, maxDelay = 30_000)
class HubSpotApi {
    private static final Logger LOG = Logger.getLogger(HubSpotApi.class);

    private final HubSpotTokens tokens;
    private final HubSpotClients clients;
    private final HubSpotLimits limits;

    HubSpotApi(HubSpotTokens tokens, HubSpotClients clients, HubSpotLimits limits) {
        this.tokens = tokens;
        this.clients = clients;
        this.limits = limits;
    }

    /** One page of a CRM search (at most 200 results); searches are paced to the configured rate per second. */
    JsonNode search(String body) {
        return call(true, (client, bearer) -> client.search(bearer, body));
    }

    JsonNode batchRead(String body, boolean archived) {
        return call(false, (client, bearer) -> client.batchRead(bearer, archived, body));
    }

    /** One page of the deal list ({@code after} null for the first), with the given comma-separated properties. */
    JsonNode list(int limit, String after, String properties, boolean archived) {
        return call(false, (client, bearer) -> client.list(bearer, limit, after, properties, archived));
    }

    JsonNode batchUpdate(String body) {
        return call(false, (client, bearer) -> client.batchUpdate(bearer, body));
    }

    JsonNode pipelines() {
        return call(false, HubSpotDataClient::pipelines);
    }

    JsonNode properties() {
        return call(false, HubSpotDataClient::properties);
    }

    JsonNode groups() {
        return call(false, HubSpotDataClient::groups);
    }

    /** Creates a property group; a 409 (it exists already) is answered with {@code null}. */
    JsonNode createGroup(String body) {
        return call(false, (client, bearer) -> conflictAsNull(() -> client.createGroup(bearer, body)));
    }

    /** Creates a property; a 409 (it exists already) is answered with {@code null}. */
    JsonNode createProperty(String body) {
        return call(false, (client, bearer) -> conflictAsNull(() -> client.createProperty(bearer, body)));
    }

    private interface Request<T> {
        T send(HubSpotDataClient client, String bearer);
    }

    private static JsonNode conflictAsNull(java.util.function.Supplier<JsonNode> create) {
        try {
            return create.get();
        } catch (HubSpotHttpException e) {
            if (e.status() == 409) {
                return null;
            }
            throw e;
        } catch (ProcessingException e) {
            if (e.getCause() instanceof HubSpotHttpException http && http.status() == 409) {
                return null;
            }
            throw e;
        }
    }

    private <T> T call(boolean search, Request<T> request) {
        checkQuota();
        limits.awaitBurst();
        if (search) {
            limits.awaitSearch();
        }
        HubSpotTokens.Access access = tokens.current();
        try {
            return attempt(access, request);
        } catch (HubSpotHttpException e) {
            if (e.status() != 401) {
                throw HubSpotErrors.classify(e, limits);
            }
            LOG.debugf("HubSpot rejected the token (%s); renewing it", e.category());
        }
        try {
            return attempt(tokens.renew(access), request);
        } catch (HubSpotHttpException e) {
            throw HubSpotErrors.classify(e, limits);
        }
    }

    private <T> T attempt(HubSpotTokens.Access access, Request<T> request) {
        try {
            return request.send(clients.data(), access.bearer());
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HubSpotHttpException http) {
                throw http;
            }
            throw new CrmException.Retryable("cannot reach HubSpot at " + clients.baseUrl() + ": " + cause, null, Duration.ZERO, e);
        }
    }

    /**
     * Refuses to call above the configured share of the daily limit. HubSpot has no free usage endpoint, so while
     * stopped one call per check interval goes through: its headers say whether usage has dropped (the day reset).
     */
    private void checkQuota() {
        if (!limits.daily().mayCall()) {
            throw limits.daily().stopped();
        }
    }
}

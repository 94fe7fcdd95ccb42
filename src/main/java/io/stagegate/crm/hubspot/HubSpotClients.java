package io.stagegate.crm.hubspot;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.stagegate.config.LocalServer;
import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Builds the REST clients against the configured base URL, resolved when first used (a bare path is on this instance's
 * own server, whose port is known only once it listens). Every client maps errors to {@link HubSpotHttpException} and
 * feeds the rate-limit headers to {@link HubSpotLimits}.
 */
@ApplicationScoped
class HubSpotClients {
    private final HubSpotConfig config;
    private final HubSpotLimits limits;
    private volatile HubSpotDataClient data;
    private volatile HubSpotOAuthClient oauth;

    HubSpotClients(HubSpotConfig config, HubSpotLimits limits) {
        this.config = config;
        this.limits = limits;
    }

    HubSpotDataClient data() {
        HubSpotDataClient client = data;
        if (client == null) {
            client = builder().register(new RateLimitFilter(limits)).build(HubSpotDataClient.class);
            data = client;
        }
        return client;
    }

    HubSpotOAuthClient oauth() {
        HubSpotOAuthClient client = oauth;
        if (client == null) {
            client = builder().build(HubSpotOAuthClient.class);
            oauth = client;
        }
        return client;
    }

    /** The base URL calls go to, for people and logs. */
    String baseUrl() {
        return LocalServer.resolve(config.baseUrl());
    }

    /**
     * Names the product on every call, as HubSpot asks of integrations; the portal's logs (and the sandbox's per-client
     * write counters) tell Stagegate's calls apart by it.
     */
    static final String USER_AGENT = "stagegate/1.0";

    private QuarkusRestClientBuilder builder() {
        String base = baseUrl();
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new CrmException.Fatal("'" + base + "' is not a URL: check STAGEGATE_HUBSPOT_BASE_URL", null, e);
        }
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(uri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("User-Agent", USER_AGENT))
                .register(new HubSpotErrorMapper());
    }
}

package io.stagegate.crm.salesforce;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.stagegate.config.LocalServer;
import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds the REST clients. The token endpoint's base is configured; the data API's base ({@code instance_url}) is
 * known only after login, so clients are built programmatically and kept per base URL. Every client maps errors to
 * {@link SalesforceHttpException} and feeds {@code Sforce-Limit-Info} to the {@link QuotaTracker}.
 */
@ApplicationScoped
class SalesforceClients {
    private final SalesforceConfig config;
    private final QuotaTracker quota;
    private final Map<String, SalesforceDataClient> dataClients = new ConcurrentHashMap<>();
    private volatile SalesforceLoginClient loginClient;

    SalesforceClients(SalesforceConfig config, QuotaTracker quota) {
        this.config = config;
        this.quota = quota;
    }

    SalesforceLoginClient login() {
        SalesforceLoginClient client = loginClient;
        if (client == null) {
            String loginUrl = loginUrl().orElseThrow(() -> new CrmException.Fatal(
                    "set STAGEGATE_SALESFORCE_LOGIN_URL to the org's My Domain URL (or https://login.salesforce.com for JWT)", null, null));
            client = builder(stripSlash(loginUrl)).build(SalesforceLoginClient.class);
            loginClient = client;
        }
        return client;
    }

    /** The token endpoint's base; a bare path is on this instance's own server (the embedded sandbox). */
    Optional<String> loginUrl() {
        return config.loginUrl().map(LocalServer::resolve);
    }

    SalesforceDataClient data(String instanceUrl) {
        return dataClients.computeIfAbsent(instanceUrl, url ->
                builder(stripSlash(url) + "/services/data/v" + config.apiVersion()).build(SalesforceDataClient.class));
    }

    private QuarkusRestClientBuilder builder(String baseUri) {
        URI uri;
        try {
            uri = URI.create(baseUri);
        } catch (IllegalArgumentException e) {
            throw new CrmException.Fatal("'" + baseUri + "' is not a URL: check STAGEGATE_SALESFORCE_LOGIN_URL", null, e);
        }
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(uri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new SalesforceErrorMapper())
                .register(new LimitInfoFilter(quota));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.stagegate.crm.hubspot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything under {@code stagegate.hubspot}: the connector (off by default so the service starts with no
 * configuration) and what HubSpot may push. Secrets (tokens, client secret) have no default and come only from the
 * environment. When no CRM is configured and the HubSpot playbook is active, the embedded sandbox's config source
 * points the connection at this instance's simulated portal.
 */
@ConfigMapping(prefix = "stagegate.hubspot")
public interface HubSpotConfig {

    /** How Stagegate authenticates: a private app's static token, or a public app's OAuth 2 refresh token. */
    enum AuthFlow { PRIVATE_APP, OAUTH }

    /** Connect to HubSpot at all. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Whether the connection is this instance's own embedded sandbox. Set by the sandbox's config source together with
     * the connection it supplies, not by admins.
     */
    @WithDefault("false")
    boolean embeddedSandbox();

    /**
     * The API's base URL. A bare path ({@code /sandbox/hubspot}, as the embedded sandbox sets it) is a path on this
     * instance's own HTTP server.
     */
    @WithDefault("https://api.hubapi.com")
    String baseUrl();

    @WithDefault("private-app")
    AuthFlow authFlow();

    /** Private app: the access token ({@code pat-…}). Secret: no default, from the environment only. */
    Optional<String> accessToken();

    /** OAuth: the public app's client id. */
    Optional<String> oauthClientId();

    /** OAuth: the refresh token of the installation. Secret: no default, from the environment only. */
    Optional<String> refreshToken();

    /** OAuth: how long before the access token expires it is refreshed. */
    @WithDefault("5m")
    Duration refreshAhead();

    /**
     * The app's id. Webhook events of changes this app made ({@code sourceId} = app id) are Stagegate's own writes
     * and are not evaluated again. Absent = every event is read.
     */
    Optional<Long> appId();

    /** How far each poll cycle re-reads before the saved cursor, against the search index lagging behind writes. */
    @WithDefault("2m")
    Duration overlap();

    /** How far behind now a poll cycle stops, so changes not yet in the search index are read in the next cycle. */
    @WithDefault("30s")
    Duration lag();

    /** Search requests per second at most (HubSpot allows 5 per account; the default leaves room for other apps). */
    @WithDefault("4")
    int searchPerSecond();

    /** Stop calling once this share of the daily API request limit is used (the limit is shared with every other app). */
    @WithDefault("0.8")
    double quotaStopShare();

    /** While stopped at the quota share, how often one call is let through to read the daily usage again. */
    @WithDefault("5m")
    Duration quotaCheckInterval();

    /** Create the {@code stagegate} property group and the output properties when the service starts. */
    @WithDefault("false")
    boolean bootstrapOnStart();

    /** TCP connect timeout of every call. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Read timeout of every call. */
    @WithDefault("60s")
    Duration readTimeout();

    // --- push: webhooks ----------------------------------------------------------------------------------------------

    /**
     * The app's client secret: HubSpot signs webhooks with it, and OAuth refreshes send it. Secret: no default; absent =
     * the webhook endpoint answers 503.
     */
    Optional<String> clientSecret();

    /**
     * The public scheme, host and any path prefix under which HubSpot reaches Stagegate (e.g.
     * {@code https://hooks.acme.example}), when a proxy in between changes them; HubSpot signs the URL it called.
     * Absent = the scheme and Host of the request as received.
     */
    Optional<String> webhookBaseUrl();
}

package io.stagegate.crm.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything under {@code stagegate.salesforce}: the connector (off by default so the service starts with no
 * configuration) and what Salesforce may push. Secrets (client secret, private key, push secrets) have no default and
 * come only from the environment. When no CRM is configured, the embedded sandbox's config source points the connection
 * at this instance's simulated org.
 */
@ConfigMapping(prefix = "stagegate.salesforce")
public interface SalesforceConfig {

    /** How Stagegate logs in: OAuth 2.0 JWT bearer (recommended: no secret is sent) or client credentials. */
    enum AuthFlow { JWT, CLIENT_CREDENTIALS }

    /** Connect to Salesforce at all. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Whether the connection is this instance's own embedded sandbox. Set by the sandbox's config source together with
     * the connection it supplies, not by admins.
     */
    @WithDefault("false")
    boolean embeddedSandbox();

    /**
     * Base URL of the token endpoint ({@code /services/oauth2/token} is appended): the org's My Domain URL,
     * {@code https://login.salesforce.com} / {@code https://test.salesforce.com} (JWT only), or the sandbox. A bare path
     * ({@code /sandbox/salesforce}, as the embedded sandbox sets it) is a path on this instance's own HTTP server.
     */
    Optional<String> loginUrl();

    /** REST API version, without the {@code v}. */
    @WithDefault("62.0")
    String apiVersion();

    @WithDefault("jwt")
    AuthFlow authFlow();

    /** The connected app's / external client app's consumer key. */
    Optional<String> clientId();

    /** Client credentials flow only. Secret: no default, from the environment only. */
    Optional<String> clientSecret();

    /** JWT flow: the integration user's username (the {@code sub} claim). */
    Optional<String> username();

    /** JWT flow: the RSA private key as PEM text (PKCS#8 or PKCS#1). Secret: no default, from the environment only. */
    Optional<String> privateKey();

    /** JWT flow: a file holding the PEM private key, when it is not given as text. */
    Optional<String> privateKeyFile();

    /**
     * JWT flow: the {@code aud} claim. Default: {@code https://test.salesforce.com} for a sandbox org's login URL,
     * {@code https://login.salesforce.com} for any other Salesforce login URL, else the login URL itself.
     */
    Optional<String> jwtAudience();

    /** Preferred query page size ({@code Sforce-Query-Options: batchSize}), 200–2000. */
    @WithDefault("2000")
    int pageSize();

    /** How far each poll cycle re-reads before the saved cursor, against rows committed late with an older stamp. */
    @WithDefault("5m")
    Duration overlap();

    /** How far behind now a poll cycle stops, so rows of transactions still open are read in the next cycle. */
    @WithDefault("1m")
    Duration lag();

    /** Stop calling once this share of the daily API request quota is used (the quota is shared with every other integration). */
    @WithDefault("0.8")
    double quotaStopShare();

    /** While stopped at the quota share, how often to ask {@code /limits} whether usage has dropped again. */
    @WithDefault("5m")
    Duration quotaCheckInterval();

    /** TCP connect timeout of every call. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Read timeout of every call (SOQL over large windows can take long; QUERY_TIMEOUT shrinks the window). */
    @WithDefault("120s")
    Duration readTimeout();

    // --- push: Outbound Messages and signed events -----------------------------------------------------------------

    /** The org (15 or 18 characters) whose Outbound Messages are accepted; absent = any org, with a warning at start. */
    Optional<String> organizationId();

    /** The {@code ?token=} that Outbound Message endpoint URLs carry. Secret: no default. */
    Optional<String> outboundSecret();

    /** The HMAC-SHA256 key of {@code X-Stagegate-Signature} on signed events. Secret: no default. */
    Optional<String> eventsSecret();

    /** How far a signed event's timestamp may be from this server's clock, either way (replay window). */
    @WithDefault("5m")
    Duration eventsTolerance();
}

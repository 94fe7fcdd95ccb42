package io.stagegate.crm.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The Salesforce connector. Off by default so the service starts with no configuration; secrets (client secret,
 * private key) have no default and come only from the environment.
 */
@ConfigMapping(prefix = "stagegate.salesforce")
public interface SalesforceConfig {

    /** How Stagegate logs in: OAuth 2.0 JWT bearer (recommended: no secret is sent) or client credentials. */
    enum AuthFlow { JWT, CLIENT_CREDENTIALS }

    /** Connect to Salesforce at all. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Base URL of the token endpoint ({@code /services/oauth2/token} is appended): the org's My Domain URL,
     * {@code https://login.salesforce.com} / {@code https://test.salesforce.com} (JWT only), or the sandbox.
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
}

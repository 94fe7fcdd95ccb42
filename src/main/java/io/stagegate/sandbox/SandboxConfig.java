package io.stagegate.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** The sandbox CRM: on by default so a newcomer sees the whole loop on one machine. */
@ConfigMapping(prefix = "stagegate.sandbox")
public interface SandboxConfig {

    /** Serve the simulated CRMs under /sandbox. */
    @WithDefault("true")
    boolean enabled();

    /** Seed of the synthetic org and of fault injection: the same seed gives the same org. */
    @WithDefault("42")
    long seed();

    /** Number of opportunities / deals in each simulated CRM. */
    @WithDefault("3000")
    int size();

    /** Fill the simulated CRMs with the synthetic org when the service starts. */
    @WithDefault("true")
    boolean seedOnStart();

    Scenario scenario();

    Salesforce salesforce();

    Hubspot hubspot();

    /** Reps acting on their deals while the service runs. */
    interface Scenario {
        /** Seconds between rounds of rep actions; 0 = the org stays as seeded. */
        @WithDefault("20")
        long intervalSeconds();

        /** Actions per round and CRM. */
        @WithDefault("5")
        int actionsPerTick();
    }

    interface Salesforce {
        @WithDefault("demo")
        String clientId();

        @WithDefault("demo")
        String clientSecret();

        /** The integration user the tokens are issued to. */
        @WithDefault("integration@stagegate.sandbox")
        String username();

        /** PEM of the RSA public key that verifies JWT bearer assertions; JWT login is refused when absent. */
        Optional<String> jwtPublicKey();

        /** Inactivity timeout of an access token (Salesforce's default session timeout is 2 hours). */
        @WithDefault("7200")
        long sessionSeconds();

        Limits limits();
    }

    interface Hubspot {
        /** The private-app access token the sandbox accepts. */
        @WithDefault("demo")
        String token();

        /** The app's client secret, used to sign webhooks (v3 signatures). */
        @WithDefault("demo")
        String clientSecret();

        @WithDefault("1")
        long appId();

        @WithDefault("62515")
        long portalId();

        /** OAuth (a public app): the client id the token endpoint accepts, with {@link #clientSecret()}. */
        @WithDefault("demo-client")
        String oauthClientId();

        /** OAuth: the installation's refresh token the token endpoint accepts. */
        @WithDefault("na1-demo-refresh")
        String refreshToken();

        /** OAuth: how long an issued access token is accepted (HubSpot: 1,800 seconds). */
        @WithDefault("1800")
        long accessTokenSeconds();

        Limits limits();
    }

    interface Limits {
        @WithDefault("0")
        long latencyMs();

        @WithDefault("0")
        long jitterMs();

        @WithDefault("30000")
        long timeoutMs();

        @WithDefault("1000000")
        long dailyQuota();

        /** Calls allowed per burst window; 0 = unlimited. */
        @WithDefault("0")
        int burstLimit();

        @WithDefault("10000")
        long burstWindowMs();

        /** Random fault rates by kind, e.g. {@code SERVER_ERROR=0.05,RATE_LIMIT=0.02}; {@code none} for none. */
        @WithDefault("none")
        String faults();

        default FaultSettings toSettings() {
            return new FaultSettings(latencyMs(), jitterMs(), parseRates(faults()), timeoutMs(), dailyQuota(), burstLimit(), burstWindowMs());
        }
    }

    /** Parses {@code KIND=rate,KIND=rate}; says which part is wrong. */
    static Map<FaultKind, Double> parseRates(String text) {
        Map<FaultKind, Double> rates = new java.util.EnumMap<>(FaultKind.class);
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return rates;
        }
        for (String part : text.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("fault rate '" + part.trim() + "' must look like SERVER_ERROR=0.05");
            }
            try {
                rates.put(FaultKind.valueOf(pair[0].trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')), Double.parseDouble(pair[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fault rate '" + part.trim() + "': kind must be one of "
                        + java.util.Arrays.toString(FaultKind.values()) + " and rate a number between 0 and 1");
            }
        }
        return rates;
    }
}

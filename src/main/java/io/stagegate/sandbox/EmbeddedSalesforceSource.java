package io.stagegate.sandbox;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The Salesforce connection to this instance's sandbox: its client credentials, its path {@code /sandbox/salesforce} on
 * this very server and a short overlap and lag (the sandbox commits atomically, in memory, so a short window
 * is enough and keeps the demo lively). It outranks the environment and system properties, so that the connection is
 * the sandbox's as a whole and never half an org's; the connector's other settings stay as configured.
 */
final class EmbeddedSalesforceSource implements ConfigSource {
    /** Above system properties (400): only a test profile's overrides rank higher. */
    private static final int ORDINAL = 450;
    private static final Map<String, String> PROPERTIES = Map.of(
            "stagegate.salesforce.enabled", "true",
            "stagegate.salesforce.embedded-sandbox", "true",
            // a bare path: the connector resolves it against this server once it listens, on the port it really bound
            "stagegate.salesforce.login-url", "/sandbox/salesforce",
            "stagegate.salesforce.auth-flow", "client-credentials",
            "stagegate.salesforce.client-id", "${stagegate.sandbox.salesforce.client-id}",
            "stagegate.salesforce.client-secret", "${stagegate.sandbox.salesforce.client-secret}",
            "stagegate.salesforce.username", "${stagegate.sandbox.salesforce.username}",
            "stagegate.salesforce.overlap", "10s",
            "stagegate.salesforce.lag", "2s");

    /**
     * None listed: Quarkus records, at build time, the values of every runtime property a source lists as defaults of
     * the packaged application, which would make the embedded connection the default of every deployment. Unlisted,
     * the values are found only by name, at run time, when this source applies.
     */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "stagegate-embedded-salesforce-sandbox";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}

package io.stagegate.sandbox;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The HubSpot connection to this instance's sandbox: its private-app token (and, for {@code STAGEGATE_HUBSPOT_AUTH_FLOW=oauth},
 * left to the deployment, its OAuth client id and refresh token), its path {@code /sandbox/hubspot} on this
 * very server, its app id (so pushed echoes of Stagegate's own writes are recognised) and a short overlap and lag (the
 * simulated search index is never behind). Ranked like {@link EmbeddedSalesforceSource}, for the same reasons.
 */
final class EmbeddedHubSpotSource implements ConfigSource {
    private static final int ORDINAL = 450;
    private static final Map<String, String> PROPERTIES = Map.of(
            "stagegate.hubspot.enabled", "true",
            "stagegate.hubspot.embedded-sandbox", "true",
            "stagegate.hubspot.base-url", "/sandbox/hubspot",
            "stagegate.hubspot.access-token", "${stagegate.sandbox.hubspot.token}",
            "stagegate.hubspot.oauth-client-id", "${stagegate.sandbox.hubspot.oauth-client-id}",
            "stagegate.hubspot.refresh-token", "${stagegate.sandbox.hubspot.refresh-token}",
            "stagegate.hubspot.app-id", "${stagegate.sandbox.hubspot.app-id}",
            "stagegate.hubspot.overlap", "10s",
            "stagegate.hubspot.lag", "2s");

    /** None listed, for the reason given in {@link EmbeddedSalesforceSource#getPropertyNames()}. */
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
        return "stagegate-embedded-hubspot-sandbox";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}

package io.stagegate.crm.hubspot;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Everything under {@code stagegate.hubspot}. Today that is what HubSpot may push (webhooks, verified with the app's
 * client secret); the connector's settings join them here when it is built.
 */
@ConfigMapping(prefix = "stagegate.hubspot")
public interface HubSpotConfig {

    /** The app's client secret (HubSpot signs webhooks with it). Secret: no default; absent = the endpoint answers 503. */
    Optional<String> clientSecret();

    /**
     * The public scheme, host and any path prefix under which HubSpot reaches Stagegate (e.g.
     * {@code https://hooks.acme.example}), when a proxy in between changes them; HubSpot signs the URL it called.
     * Absent = the scheme and Host of the request as received.
     */
    Optional<String> webhookBaseUrl();
}

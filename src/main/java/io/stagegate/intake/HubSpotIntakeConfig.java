package io.stagegate.intake;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** HubSpot webhooks: the app's client secret verifies their v3 signatures. */
@ConfigMapping(prefix = "stagegate.hubspot")
public interface HubSpotIntakeConfig {

    /** The app's client secret (HubSpot signs webhooks with it). Secret: no default; absent = the endpoint answers 503. */
    Optional<String> clientSecret();

    /**
     * The public scheme, host and any path prefix under which HubSpot reaches Stagegate (e.g.
     * {@code https://hooks.acme.example}), when a proxy in between changes them; HubSpot signs the URL it called.
     * Absent = the scheme and Host of the request as received.
     */
    Optional<String> webhookBaseUrl();
}

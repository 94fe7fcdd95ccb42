package io.stagegate.crm.hubspot.push;

import io.quarkus.runtime.StartupEvent;
import io.stagegate.config.StagegateConfig;
import io.stagegate.crm.hubspot.HubSpotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Checks the HubSpot webhook settings that can be wrong without being secret, and says at start whether webhooks are accepted. */
@ApplicationScoped
class HubSpotPushStartup {
    private static final Logger LOG = Logger.getLogger(HubSpotPushStartup.class);

    void check(@Observes StartupEvent event, StagegateConfig stagegate, HubSpotConfig hubspot) {
        if (stagegate.mode() == StagegateConfig.Mode.SANDBOX) {
            return;
        }
        set(hubspot.webhookBaseUrl()).ifPresent(HubSpotPushStartup::checkBaseUrl);
        LOG.infof("Push intake: HubSpot webhooks %s", set(hubspot.clientSecret()).isPresent() ? "on /webhooks/hubspot"
                : "off (STAGEGATE_HUBSPOT_CLIENT_SECRET unset)");
    }

    private static void checkBaseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getRawQuery() != null) {
            throw new IllegalStateException("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL must be the scheme, host and any path prefix under which HubSpot "
                    + "reaches Stagegate, e.g. https://hooks.acme.example, was '" + url + "'");
        }
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(text -> !text.isBlank());
    }
}

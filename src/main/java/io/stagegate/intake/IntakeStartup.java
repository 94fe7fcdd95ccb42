package io.stagegate.intake;

import io.stagegate.crm.hubspot.HubSpotConfig;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.crm.salesforce.SalesforceId;
import io.quarkus.runtime.StartupEvent;
import io.stagegate.config.StagegateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Checks the intake settings that can be wrong without being secret, and says at start which endpoints accept pushes. */
@ApplicationScoped
class IntakeStartup {
    private static final Logger LOG = Logger.getLogger(IntakeStartup.class);

    void check(@Observes StartupEvent event, StagegateConfig stagegate, SalesforceConfig salesforce, HubSpotConfig hubspot) {
        if (stagegate.mode() == StagegateConfig.Mode.SANDBOX) {
            return;
        }
        set(salesforce.organizationId()).ifPresent(id -> {
            if (!SalesforceId.isId(id.trim()) || !id.trim().startsWith("00D")) {
                throw new IllegalStateException("STAGEGATE_SALESFORCE_ORGANIZATION_ID must be the org's 15- or 18-character id (00D...), was '" + id + "'");
            }
        });
        set(hubspot.webhookBaseUrl()).ifPresent(IntakeStartup::checkBaseUrl);
        LOG.infof("Push intake: Salesforce Outbound Messages %s, signed events %s, HubSpot webhooks %s",
                state(salesforce.outboundSecret(), "/webhooks/salesforce/outbound", "STAGEGATE_SALESFORCE_OUTBOUND_SECRET"),
                state(salesforce.eventsSecret(), "/webhooks/salesforce/events", "STAGEGATE_SALESFORCE_EVENTS_SECRET"),
                state(hubspot.clientSecret(), "/webhooks/hubspot", "STAGEGATE_HUBSPOT_CLIENT_SECRET"));
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

    private static String state(Optional<String> secret, String path, String variable) {
        return set(secret).isPresent() ? "on " + path : "off (" + variable + " unset)";
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(text -> !text.isBlank());
    }
}

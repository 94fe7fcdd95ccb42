package io.stagegate.crm.salesforce.push;

import io.quarkus.runtime.StartupEvent;
import io.stagegate.config.StagegateConfig;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.crm.salesforce.SalesforceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Checks the Salesforce push settings that can be wrong without being secret, and says at start which endpoints accept pushes. */
@ApplicationScoped
class SalesforcePushStartup {
    private static final Logger LOG = Logger.getLogger(SalesforcePushStartup.class);

    void check(@Observes StartupEvent event, StagegateConfig stagegate, SalesforceConfig salesforce) {
        if (stagegate.mode() == StagegateConfig.Mode.SANDBOX) {
            return;
        }
        set(salesforce.organizationId()).ifPresent(id -> {
            if (!SalesforceId.isId(id.trim()) || !id.trim().startsWith("00D")) {
                throw new IllegalStateException("STAGEGATE_SALESFORCE_ORGANIZATION_ID must be the org's 15- or 18-character id (00D...), was '" + id + "'");
            }
        });
        LOG.infof("Push intake: Salesforce Outbound Messages %s, signed events %s",
                state(salesforce.outboundSecret(), "/webhooks/salesforce/outbound", "STAGEGATE_SALESFORCE_OUTBOUND_SECRET"),
                state(salesforce.eventsSecret(), "/webhooks/salesforce/events", "STAGEGATE_SALESFORCE_EVENTS_SECRET"));
    }

    private static String state(Optional<String> secret, String path, String variable) {
        return set(secret).isPresent() ? "on " + path : "off (" + variable + " unset)";
    }

    private static Optional<String> set(Optional<String> value) {
        return value.filter(text -> !text.isBlank());
    }
}

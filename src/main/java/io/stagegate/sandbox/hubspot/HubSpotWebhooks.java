package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.stagegate.sandbox.SandboxConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/** Connects the portal to a {@link WebhookDispatcher} at start when {@code stagegate.sandbox.hubspot-push.url} is set. */
@ApplicationScoped
class HubSpotWebhooks {
    static final List<String> STANDARD_PROPERTIES = List.of("dealstage", "amount", "pipeline", "closedate", "hubspot_owner_id", "deal_currency_code", "dealname");
    private static final Logger LOG = Logger.getLogger(HubSpotWebhooks.class);

    private final HubSpotPortal portal;
    private final HubSpotPushConfig push;
    private final SandboxConfig sandbox;
    private final ObjectMapper mapper;
    private WebhookDispatcher dispatcher;

    HubSpotWebhooks(HubSpotPortal portal, HubSpotPushConfig push, SandboxConfig sandbox, ObjectMapper mapper) {
        this.portal = portal;
        this.push = push;
        this.sandbox = sandbox;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        if (!sandbox.enabled() || push.url().isEmpty() || push.url().get().isBlank()) {
            return;
        }
        WebhookDispatcher.Settings settings = settings();
        dispatcher = new WebhookDispatcher(settings, mapper, Clock.systemUTC());
        portal.addListener(dispatcher);
        LOG.infof("HubSpot sandbox webhooks go to %s (properties %s)", settings.url(), settings.properties());
    }

    WebhookDispatcher.Settings settings() {
        List<String> properties = push.properties().orElseGet(() -> {
            Set<String> defaults = new LinkedHashSet<>(STANDARD_PROPERTIES);
            portal.schema.all().stream().filter(definition -> PropertySchema.EXIT_CRITERIA.equals(definition.groupName()))
                    .forEach(definition -> defaults.add(definition.name()));
            return new ArrayList<>(defaults);
        });
        return new WebhookDispatcher.Settings(URI.create(push.url().orElseThrow().trim()), sandbox.hubspot().clientSecret(), sandbox.hubspot().portalId(),
                sandbox.hubspot().appId(), properties, push.creation(), push.deletion(), push.batchDelay(), push.timeout(), push.maxRetries(),
                push.firstRetryDelay(), push.maxRetryDelay(), push.maxConcurrentRequests());
    }

    @PreDestroy
    void stop() {
        if (dispatcher != null) {
            portal.removeListener(dispatcher);
            dispatcher.close();
        }
    }
}

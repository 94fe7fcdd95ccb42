package io.stagegate.sandbox.salesforce;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stagegate.sandbox.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Starts the Outbound Message sender when {@code stagegate.sandbox.salesforce-push.outbound-url} is set. */
@ApplicationScoped
public class OutboundMessagesStartup {
    private static final Logger LOG = Logger.getLogger(OutboundMessagesStartup.class);

    private final SandboxConfig sandbox;
    private final SalesforcePushConfig push;
    private final SalesforceOrg org;
    private final Clock clock;
    private OutboundMessenger messenger;

    public OutboundMessagesStartup(SandboxConfig sandbox, SalesforcePushConfig push, SalesforceOrg org, Clock clock) {
        this.sandbox = sandbox;
        this.push = push;
        this.org = org;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (!sandbox.enabled() || push.outboundUrl().isEmpty()) {
            return;
        }
        messenger = new OutboundMessenger(org, push.outboundUrl().get(), push.instanceUrl(), Duration.ofMillis(push.initialBackoffMs()),
                Duration.ofMillis(push.maxBackoffMs()), Duration.ofSeconds(push.maxAgeSeconds()), clock);
        messenger.start();
        LOG.infof("Salesforce sandbox sends Outbound Messages of opportunity changes to %s", push.outboundUrl().get());
    }

    void stop(@Observes ShutdownEvent event) {
        if (messenger != null) {
            messenger.close();
        }
    }
}

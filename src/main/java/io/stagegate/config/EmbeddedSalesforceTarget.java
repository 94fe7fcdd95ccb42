package io.stagegate.config;

import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.config.SmallRyeConfig;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.sandbox.SandboxConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the Salesforce connector connects to. When an admin configured Salesforce ({@code STAGEGATE_SALESFORCE_ENABLED=true})
 * it is exactly that configuration. When no CRM is configured and the embedded sandbox runs (the default), the connector
 * is pointed at this instance's own sandbox under {@code /sandbox/salesforce}, logging in with the sandbox's client
 * credentials, so that a newcomer sees the whole loop with no configuration.
 */
@Singleton
public class EmbeddedSalesforceTarget {
    private static volatile int actualPort;

    /** Whether the connector talks to the embedded sandbox rather than a configured org. */
    public static boolean targetsSandbox(SalesforceConfig configured, SandboxConfig sandbox, StagegateConfig stagegate) {
        return !configured.enabled() && sandbox.enabled() && stagegate.mode() == StagegateConfig.Mode.SERVICE
                && "salesforce".equalsIgnoreCase(stagegate.playbook().crm()) && stagegate.playbook().file().isEmpty();
    }

    private static volatile boolean serving;

    void onHttpStart(@Observes HttpServerStart start) {
        actualPort = start.options().getPort();
        serving = true;
    }

    /** Whether this instance's HTTP server (and so its embedded sandbox) listens yet: the connector must not call it before. */
    public static boolean serving() {
        return serving || listeningPort() > 0;
    }

    /** The port the HTTP server listens on, once it does; 0 before. */
    private static int listeningPort() {
        try {
            io.quarkus.arc.InstanceHandle<io.quarkus.vertx.http.HttpServer> server = io.quarkus.arc.Arc.container().instance(io.quarkus.vertx.http.HttpServer.class);
            return server.isAvailable() ? server.get().getPort() : 0;
        } catch (RuntimeException notYetKnown) {
            return 0;
        }
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    SalesforceConfig effective(SandboxConfig sandbox, StagegateConfig stagegate) {
        SalesforceConfig configured = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(SalesforceConfig.class);
        if (!targetsSandbox(configured, sandbox, stagegate)) {
            return configured;
        }
        return new SandboxSalesforce(configured, sandbox);
    }

    static int port() {
        // the port the server really listens on (a random one when configured as 0)
        int listening = listeningPort();
        if (listening > 0) {
            return listening;
        }
        // Quarkus publishes the port it really listens on (a random one in tests) as system properties
        for (String property : new String[] {"quarkus.http.test-port", "quarkus.http.port"}) {
            Integer published = Integer.getInteger(property);
            if (published != null && published > 0) {
                return published;
            }
        }
        if (actualPort > 0) {
            return actualPort;
        }
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }

    /** The configured values, with the connection replaced by the embedded sandbox's. */
    private static final class SandboxSalesforce implements SalesforceConfig {
        private final SalesforceConfig configured;
        private final SandboxConfig sandbox;

        SandboxSalesforce(SalesforceConfig configured, SandboxConfig sandbox) {
            this.configured = configured;
            this.sandbox = sandbox;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Optional<String> loginUrl() {
            return Optional.of("http://localhost:" + port() + "/sandbox/salesforce");
        }

        @Override
        public String apiVersion() {
            return configured.apiVersion();
        }

        @Override
        public AuthFlow authFlow() {
            return AuthFlow.CLIENT_CREDENTIALS;
        }

        @Override
        public Optional<String> clientId() {
            return Optional.of(sandbox.salesforce().clientId());
        }

        @Override
        public Optional<String> clientSecret() {
            return Optional.of(sandbox.salesforce().clientSecret());
        }

        @Override
        public Optional<String> username() {
            return Optional.of(sandbox.salesforce().username());
        }

        @Override
        public Optional<String> privateKey() {
            return Optional.empty();
        }

        @Override
        public Optional<String> privateKeyFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> jwtAudience() {
            return Optional.empty();
        }

        @Override
        public int pageSize() {
            return configured.pageSize();
        }

        /** The sandbox commits atomically, in memory: a short overlap and lag are enough and keep the demo lively. */
        @Override
        public Duration overlap() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration lag() {
            return Duration.ofSeconds(2);
        }

        @Override
        public double quotaStopShare() {
            return configured.quotaStopShare();
        }

        @Override
        public Duration quotaCheckInterval() {
            return configured.quotaCheckInterval();
        }

        @Override
        public Duration connectTimeout() {
            return configured.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return configured.readTimeout();
        }
    }
}

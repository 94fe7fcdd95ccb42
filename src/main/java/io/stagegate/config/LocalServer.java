package io.stagegate.config;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This instance's own HTTP server, for a CRM it serves itself (the embedded sandbox): such a CRM answers only once the
 * server listens, on the port it really bound (a random one when configured as 0, as in tests). A connection configured
 * as a bare path ({@code /sandbox/salesforce}) is resolved against this server when it is used, because that port is
 * unknown while the configuration is read.
 */
@Singleton
public class LocalServer {
    private static volatile int startedOn;

    void onHttpStart(@Observes HttpServerStart start) {
        startedOn = Math.max(start.options().getPort(), 1);
    }

    /** Whether the server listens yet. */
    public static boolean listening() {
        return startedOn > 0 || boundPort() > 0;
    }

    /** {@code url} itself, or when it is a bare path, that path on this server. */
    public static String resolve(String url) {
        return url.startsWith("/") ? "http://localhost:" + port() + url : url;
    }

    private static int port() {
        int bound = boundPort();
        if (bound > 0) {
            return bound;
        }
        // Quarkus publishes the port it really listens on (a random one in tests) as system properties
        for (String property : new String[] {"quarkus.http.test-port", "quarkus.http.port"}) {
            Integer published = Integer.getInteger(property);
            if (published != null && published > 0) {
                return published;
            }
        }
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }

    private static int boundPort() {
        try {
            InstanceHandle<HttpServer> server = Arc.container().instance(HttpServer.class);
            return server.isAvailable() ? server.get().getPort() : 0;
        } catch (RuntimeException notYetKnown) {
            return 0;
        }
    }
}

package io.stagegate.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The sandbox's Outbound Messages and HubSpot webhooks pointed at this very test server's intake endpoints, with
 * short retry delays and no scenario driver (only the tests change the simulated orgs). The push URLs must name the
 * port before Quarkus starts, so the profile picks a free port itself instead of the random test port.
 */
public class PushIntoThisServerProfile implements QuarkusTestProfile {
    public static final int PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        String base = "http://127.0.0.1:" + PORT;
        return Map.of(
                "quarkus.http.test-port", Integer.toString(PORT),
                "stagegate.sandbox.scenario.interval-seconds", "0",
                "stagegate.sandbox.salesforce-push.outbound-url", base + "/webhooks/salesforce/outbound?token=test-outbound-secret",
                "stagegate.sandbox.salesforce-push.initial-backoff-ms", "100",
                "stagegate.sandbox.salesforce-push.max-backoff-ms", "1000",
                "stagegate.sandbox.hubspot-push.url", base + "/webhooks/hubspot?src=hs%3Asandbox",
                "stagegate.sandbox.hubspot-push.batch-delay", "PT0.05S",
                "stagegate.sandbox.hubspot-push.first-retry-delay", "PT0.2S");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

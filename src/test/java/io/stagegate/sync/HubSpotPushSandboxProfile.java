package io.stagegate.sync;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The embedded HubSpot sandbox chosen by the playbook alone, with the simulated portal's signed webhooks going to this
 * very server's {@code /webhooks/hubspot}, subscribed to the inputs Stagegate reads and to outputs it writes (so every
 * write-back comes back as an event, as it does for an app subscribed to its own properties). The sync runs on its
 * own schedules, halted until the test has cleared the shared tables; polls are rare, so what arrives fast arrives by
 * push. The webhook URL must name the port before Quarkus starts, so the profile picks a free one.
 */
public class HubSpotPushSandboxProfile implements QuarkusTestProfile {
    static final int SIZE = 600;
    static final int PORT = freePort();
    /** The subscriptions: HubSpot's standard deal inputs, and three of Stagegate's outputs (the echo of its own writes). */
    static final String SUBSCRIBED = "dealstage,amount,pipeline,closedate,hubspot_owner_id,deal_currency_code,dealname,"
            + "stagegate_qualified_forecast_amount,stagegate_qualified_stage,stagegate_over_staged";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.http.test-port", Integer.toString(PORT)),
                Map.entry("stagegate.playbook.crm", "hubspot"),
                Map.entry("stagegate.sandbox.size", String.valueOf(SIZE)),
                Map.entry("stagegate.sandbox.seed-on-start", "true"),
                Map.entry("stagegate.sandbox.scenario.interval-seconds", "0"),
                Map.entry("stagegate.sandbox.hubspot-push.url", "http://127.0.0.1:" + PORT + "/webhooks/hubspot"),
                Map.entry("stagegate.sandbox.hubspot-push.properties", SUBSCRIBED),
                Map.entry("stagegate.sandbox.hubspot-push.batch-delay", "PT0.05S"),
                Map.entry("stagegate.sandbox.hubspot-push.first-retry-delay", "PT0.2S"),
                Map.entry("quarkus.scheduler.start-mode", "halted"),
                Map.entry("stagegate.sync.scheduled", "true"),
                Map.entry("stagegate.sync.start-delay", "1s"),
                Map.entry("stagegate.sync.poll-interval", "10m"),
                Map.entry("stagegate.sync.work-interval", "250ms"),
                Map.entry("stagegate.sync.backoff", "20ms"),
                Map.entry("stagegate.sync.max-backoff", "100ms"),
                Map.entry("stagegate.sync.lease", "2s"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

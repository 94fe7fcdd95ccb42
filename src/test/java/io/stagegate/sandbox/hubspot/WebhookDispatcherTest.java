package io.stagegate.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook deliveries to a real HTTP endpoint: shape, signatures, batching and retries (hubspot.md §7). */
class WebhookDispatcherTest {
    private static final String SECRET = "webhook-secret";
    private final ObjectMapper mapper = new ObjectMapper();
    private WebhookReceiver receiver;
    private WebhookDispatcher dispatcher;
    private HubSpotPortal portal;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        portal = new HubSpotPortal(HubSpotFixtures.playbook(), Clock.systemUTC(), 54321);
        portal.seed(HubSpotFixtures.deals().stream());
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.close();
    }

    private void dispatch(int maxRetries) {
        WebhookDispatcher.Settings settings = new WebhookDispatcher.Settings(URI.create(receiver.url()), SECRET, 62515, 54321,
                List.of("dealstage", "amount"), true, true, Duration.ofMillis(20), Duration.ofSeconds(2), maxRetries, Duration.ofMillis(50),
                Duration.ofMillis(200), 10);
        dispatcher = new WebhookDispatcher(settings, mapper, Clock.systemUTC());
        portal.addListener(dispatcher);
    }

    @Test
    void aPropertyChangeArrivesSignedInHubSpotsShape() throws Exception {
        dispatch(10);
        portal.update(HubSpotFixtures.id(0), Map.of("dealstage", "qualifiedtobuy", "dealname", "not subscribed"), ChangeSource.integration(54321));
        WebhookReceiver.Received request = receiver.await(1, Duration.ofSeconds(10)).get(0);

        JsonNode events = mapper.readTree(request.body());
        assertThat(events.isArray()).isTrue();
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("subscriptionType").asText()).isEqualTo("deal.propertyChange");
        assertThat(event.get("objectId").isIntegralNumber()).isTrue();
        assertThat(event.get("objectId").asLong()).isEqualTo(Long.parseLong(HubSpotFixtures.id(0)));
        assertThat(event.get("propertyName").asText()).isEqualTo("dealstage");
        assertThat(event.get("propertyValue").asText()).isEqualTo("qualifiedtobuy");
        assertThat(event.get("changeSource").asText()).isEqualTo("INTEGRATION");
        assertThat(event.get("sourceId").asText()).isEqualTo("54321");
        assertThat(event.get("portalId").asLong()).isEqualTo(62515);
        assertThat(event.get("appId").asLong()).isEqualTo(54321);
        assertThat(event.get("attemptNumber").asInt()).isZero();
        assertThat(event.get("occurredAt").asLong()).isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(event.has("eventId")).isTrue();
        assertThat(event.has("subscriptionId")).isTrue();

        String timestamp = request.header("X-HubSpot-Request-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(WebhookSigner.verifyV3(SECRET, "POST", receiver.url(), request.body(), timestamp, request.header("X-HubSpot-Signature-v3"))).isTrue();
        assertThat(request.header("X-HubSpot-Signature")).isEqualTo(WebhookSigner.v1(SECRET, request.body()));
        assertThat(request.header("X-HubSpot-Signature-Version")).isEqualTo("v1");
        assertThat(request.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheNextAttemptNumberAndAFreshSignature() throws Exception {
        receiver.failWith(500, 503);
        dispatch(10);
        portal.update(HubSpotFixtures.id(1), Map.of("amount", "777"), ChangeSource.integration(54321));
        List<WebhookReceiver.Received> requests = receiver.await(3, Duration.ofSeconds(10));
        assertThat(requests).hasSize(3);
        for (int attempt = 0; attempt < 3; attempt++) {
            WebhookReceiver.Received request = requests.get(attempt);
            JsonNode event = mapper.readTree(request.body()).get(0);
            assertThat(event.get("attemptNumber").asInt()).isEqualTo(attempt);
            assertThat(event.get("propertyValue").asText()).isEqualTo("777");
            assertThat(WebhookSigner.verifyV3(SECRET, "POST", receiver.url(), request.body(), request.header("X-HubSpot-Request-Timestamp"),
                    request.header("X-HubSpot-Signature-v3"))).isTrue();
        }
        assertThat(mapper.readTree(requests.get(0).body()).get(0).get("eventId")).isEqualTo(mapper.readTree(requests.get(2).body()).get(0).get("eventId"));
        awaitDelivered(1);
    }

    @Test
    void deliveryStopsAfterTheLastRetry() throws Exception {
        receiver.failWith(500, 500, 500, 500);
        dispatch(2);
        portal.update(HubSpotFixtures.id(1), Map.of("amount", "778"), ChangeSource.integration(54321));
        receiver.await(3, Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dispatcher.abandoned() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(receiver.received()).hasSize(3);
        assertThat(dispatcher.abandoned()).isEqualTo(1);
    }

    @Test
    void batchesHoldAtMost100Events() throws Exception {
        dispatch(10);
        List<DealUpdate> updates = new ArrayList<>();
        for (int round = 0; round < 13; round++) {
            updates.clear();
            for (int seq = 0; seq < 12; seq++) {
                if (seq != 7) {
                    updates.add(new DealUpdate(HubSpotFixtures.id(seq), Map.of("amount", Integer.toString(round * 100 + seq))));
                }
            }
            portal.updateAll(updates, ChangeSource.integration(54321));
        }
        long expected = 13 * 11;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events()).isEqualTo(expected);
        for (WebhookReceiver.Received request : receiver.received()) {
            assertThat(mapper.readTree(request.body()).size()).isBetween(1, 100);
        }
    }

    @Test
    void creationAndDeletionHaveTheirOwnSubscriptions() throws Exception {
        dispatch(10);
        portal.archive(HubSpotFixtures.id(3), ChangeSource.integration(54321));
        JsonNode event = mapper.readTree(receiver.await(1, Duration.ofSeconds(10)).get(0).body()).get(0);
        assertThat(event.get("subscriptionType").asText()).isEqualTo("deal.deletion");
        assertThat(event.get("changeFlag").asText()).isEqualTo("DELETED");
        assertThat(event.has("propertyName")).isFalse();
    }

    @Test
    void retryDelaysGrowAndAreCapped() {
        dispatch(10);
        assertThat(dispatcher.retryDelay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(dispatcher.retryDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(dispatcher.retryDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(dispatcher.retryDelay(9)).isEqualTo(Duration.ofMillis(200));
    }

    private long events() throws Exception {
        long count = 0;
        for (WebhookReceiver.Received request : receiver.received()) {
            count += mapper.readTree(request.body()).size();
        }
        return count;
    }

    private void awaitDelivered(long batches) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dispatcher.delivered() < batches && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(dispatcher.delivered()).isEqualTo(batches);
    }
}

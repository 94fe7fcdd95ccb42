package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole loop: an API write by the private app reaches a webhook endpoint as a v3-signed deal.propertyChange with
 * changeSource INTEGRATION and the app id, and is retried after a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = HubSpotWebhookDeliveryTest.Receiver.class, restrictToAnnotatedClass = true)
class HubSpotWebhookDeliveryTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    HubSpotPortal portal;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
        Receiver.receiver.received().clear();
    }

    @Test
    void anApiWriteArrivesSignedAndIsRetriedAfterA500() throws Exception {
        Receiver.receiver.failWith(500);
        api().body("{\"properties\":{\"dealstage\":\"contractsent\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(1)).then().statusCode(200);

        List<WebhookReceiver.Received> requests = Receiver.receiver.await(2, Duration.ofSeconds(15));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
        for (int attempt = 0; attempt < 2; attempt++) {
            WebhookReceiver.Received request = requests.get(attempt);
            assertThat(WebhookSigner.verifyV3("demo", "POST", Receiver.receiver.url(), request.body(), request.header("X-HubSpot-Request-Timestamp"),
                    request.header("X-HubSpot-Signature-v3"))).as("v3 signature of attempt " + attempt).isTrue();
            JsonNode events = mapper.readTree(request.body());
            JsonNode stage = null;
            for (JsonNode event : events) {
                assertThat(event.get("attemptNumber").asInt()).isEqualTo(attempt);
                if ("dealstage".equals(event.path("propertyName").asText())) {
                    stage = event;
                }
            }
            assertThat(stage).as("a dealstage event").isNotNull();
            assertThat(stage.get("subscriptionType").asText()).isEqualTo("deal.propertyChange");
            assertThat(stage.get("propertyValue").asText()).isEqualTo("contractsent");
            assertThat(stage.get("changeSource").asText()).isEqualTo("INTEGRATION");
            assertThat(stage.get("sourceId").asText()).isEqualTo("1");
            assertThat(stage.get("objectId").asLong()).isEqualTo(Long.parseLong(HubSpotFixtures.id(1)));
            assertThat(stage.get("portalId").asLong()).isEqualTo(62515);
        }
    }

    @Test
    void unsubscribedPropertiesAreNotPushed() throws Exception {
        api().body("{\"properties\":{\"stagegate_missing_exit_criteria\":\"Budget confirmed\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(2))
                .then().statusCode(200);
        api().body("{\"properties\":{\"verbal_commitment\":\"true\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(2)).then().statusCode(200);
        WebhookReceiver.Received request = Receiver.receiver.await(1, Duration.ofSeconds(15)).get(0);
        Thread.sleep(300);
        StringBuilder names = new StringBuilder();
        for (WebhookReceiver.Received received : Receiver.receiver.received()) {
            for (JsonNode event : mapper.readTree(received.body())) {
                names.append(event.path("propertyName").asText()).append(' ');
            }
        }
        assertThat(names.toString()).contains("verbal_commitment").doesNotContain("stagegate_missing_exit_criteria");
        assertThat(request.header("X-HubSpot-Signature")).hasSize(64);
    }

    /** Starts the receiver before Quarkus and points the sandbox's webhooks at it, with short delays. */
    public static class Receiver implements QuarkusTestResourceLifecycleManager {
        static WebhookReceiver receiver;

        @Override
        public Map<String, String> start() {
            try {
                receiver = new WebhookReceiver();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("stagegate.sandbox.hubspot-push.url", receiver.url(),
                    "stagegate.sandbox.hubspot-push.batch-delay", "PT0.05S",
                    "stagegate.sandbox.hubspot-push.first-retry-delay", "PT0.2S");
        }

        @Override
        public void stop() {
            if (receiver != null) {
                receiver.close();
            }
        }
    }
}

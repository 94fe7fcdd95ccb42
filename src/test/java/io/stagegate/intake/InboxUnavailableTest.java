package io.stagegate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.stagegate.crm.hubspot.HubSpotConfig;
import io.stagegate.crm.hubspot.push.HubSpotSignature;
import io.stagegate.crm.hubspot.push.HubSpotWebhookResource;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.crm.salesforce.push.OutboundMessageResource;
import io.stagegate.crm.salesforce.push.SignedEventResource;
import io.stagegate.crm.salesforce.push.StagegateSignature;
import io.stagegate.testsupport.ConfigMappings;
import io.stagegate.testsupport.OutboundEnvelopes;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the database down nothing is acknowledged: each sender gets the answer that makes it retry. */
class InboxUnavailableTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IntakeMetrics metrics = new IntakeMetrics(registry);
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final IntakeConfig limits = () -> new MemorySize(java.math.BigInteger.valueOf(65_536));

    /** An inbox whose database refuses connections. */
    private final Inbox down = new Inbox(null) {
        @Override
        public Uni<Appended> append(InboxSource source, List<InboxEvent> events) {
            return Uni.createFrom().failure(new ConnectException("Connection refused: localhost/127.0.0.1:5432"));
        }
    };

    private final SalesforceConfig salesforce = ConfigMappings.of(SalesforceConfig.class, Map.of(
            "stagegate.salesforce.organization-id", OutboundEnvelopes.ORG,
            "stagegate.salesforce.outbound-secret", "outbound",
            "stagegate.salesforce.events-secret", "events"));

    private final HubSpotConfig hubspot = ConfigMappings.of(HubSpotConfig.class, Map.of("stagegate.hubspot.client-secret", "client-secret"));

    private double unavailable(String source) {
        return registry.get(IntakeMetrics.NAME).tag("source", source).tag("outcome", "unavailable").counter().count();
    }

    @Test
    void anOutboundMessageGetsAServerFaultInsteadOfTheAck() {
        OutboundMessageResource resource = new OutboundMessageResource(salesforce, limits, down, metrics, mapper);
        byte[] message = OutboundEnvelopes.message(List.of(OutboundEnvelopes.Note.opportunity())).getBytes(StandardCharsets.UTF_8);

        Response response = resource.accept(message, "outbound").await().indefinitely();

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat((String) response.getEntity()).contains("<faultcode>soapenv:Server</faultcode>")
                .contains("<faultstring>the message could not be persisted; retry later</faultstring>").doesNotContain("<Ack>");
        assertThat(unavailable("outbound_message")).isEqualTo(1);
    }

    @Test
    void signedEventsAndHubSpotWebhooksGet503() {
        SignedEventResource events = new SignedEventResource(salesforce, new WebhookIntake(limits, down, metrics), mapper, clock);
        byte[] body = ("{\"events\":[{\"id\":\"e1\",\"recordId\":\"006000000000001AAA\",\"occurredAt\":\"2026-11-26T09:30:00Z\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HubSpotWebhookResource webhooks = new HubSpotWebhookResource(hubspot, new WebhookIntake(limits, down, metrics), mapper, clock);
        byte[] batch = "[{\"eventId\":1,\"portalId\":1,\"occurredAt\":1,\"subscriptionType\":\"deal.creation\",\"objectId\":42}]"
                .getBytes(StandardCharsets.UTF_8);
        String uri = "https://hooks.example.com/webhooks/hubspot";
        String timestamp = Long.toString(NOW.toEpochMilli());

        Response eventsResponse = events.accept(body, StagegateSignature.sign("events", NOW.getEpochSecond(), body)).await().indefinitely();
        Response webhookResponse = webhooks.accept("POST", uri, batch, HubSpotSignature.sign("client-secret", "POST", uri, batch, timestamp), timestamp)
                .await().indefinitely();

        assertThat(eventsResponse.getStatus()).isEqualTo(503);
        assertThat(eventsResponse.getEntity()).hasFieldOrPropertyWithValue("type", "/problems/inbox-unavailable");
        assertThat(webhookResponse.getStatus()).isEqualTo(503);
        assertThat(unavailable("signed_event")).isEqualTo(1);
        assertThat(unavailable("webhook")).isEqualTo(1);
    }
}

package io.stagegate.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.stagegate.crm.salesforce.push.StagegateSignature;
import io.stagegate.testsupport.InboxRows;
import io.stagegate.testsupport.OutboundEnvelopes;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without its secret an endpoint accepts nothing and says what to configure: push intake is off until it is set up. */
@QuarkusTest
@TestProfile(IntakeNotConfiguredTest.NoSecrets.class)
class IntakeNotConfiguredTest {
    @Inject
    Pool pool;

    /** The test secrets of application.properties removed. */
    public static class NoSecrets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stagegate.salesforce.outbound-secret", "", "stagegate.salesforce.events-secret", "", "stagegate.hubspot.client-secret", "");
        }
    }

    @Test
    void outboundMessagesGetA503FaultSayingWhatToSet() {
        OutboundEnvelopes.Note note = OutboundEnvelopes.Note.opportunity();

        Response response = given().contentType("text/xml").queryParam("token", "anything").body(OutboundEnvelopes.message(List.of(note)))
                .when().post("/webhooks/salesforce/outbound");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.asString()).contains("<faultcode>soapenv:Server</faultcode>")
                .contains("<faultstring>Outbound Message intake is not configured: set STAGEGATE_SALESFORCE_OUTBOUND_SECRET</faultstring>");
        assertThat(InboxRows.withKeys(pool, List.of("sf-om:" + note.id()))).isEmpty();
    }

    @Test
    void signedEventsAndHubSpotWebhooksGetA503Problem() {
        String body = "{\"events\":[{\"id\":\"e1\",\"recordId\":\"006000000000001AAA\",\"occurredAt\":\"2026-11-26T09:30:00Z\"}]}";
        given().contentType("application/json").header("X-Stagegate-Signature", StagegateSignature.sign("unset", Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8))).body(body).when().post("/webhooks/salesforce/events")
                .then().statusCode(503).contentType("application/problem+json").body("type", equalTo("/problems/webhook-not-configured"))
                .body("detail", equalTo("signed event intake is not configured: set STAGEGATE_SALESFORCE_EVENTS_SECRET"));
        given().contentType("application/json").body("[]").when().post("/webhooks/hubspot")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", equalTo("HubSpot webhook intake is not configured: set STAGEGATE_HUBSPOT_CLIENT_SECRET"));
    }
}

package io.stagegate.crm.hubspot.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.intake.PushRefused;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The v3 recipe against the worked examples of hubspot.md §7.3 (HubSpot's official vector among them). */
class HubSpotSignatureTest {
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final byte[] DOC_BODY = "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH = ("[{\"eventId\":100,\"subscriptionId\":2001,\"portalId\":62515,\"appId\":54321,\"occurredAt\":1700000000000,"
            + "\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":4500,\"propertyName\":\"dealstage\","
            + "\"propertyValue\":\"contractsent\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:1234\"}]").getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheWorkedExamples() {
        assertThat(HubSpotSignature.sign(SECRET, "POST", "https://www.example.com/webhook_uri", DOC_BODY, "15000000"))
                .isEqualTo("HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=");
        assertThat(HubSpotSignature.sign(SECRET, "POST", "https://www.example.com/webhook_uri", DOC_BODY, "1693657560000"))
                .isEqualTo("K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=");
        assertThat(BATCH).hasSize(279);
        assertThat(HubSpotSignature.sign(SECRET, "POST", "https://hooks.example.com/hubspot/webhooks", BATCH, "1700000001000"))
                .isEqualTo("RQdncu79N8di7Tzk08vLqA9Y5qSCEoOMgAJY1RLox1M=");
        assertThat(HubSpotSignature.sign(SECRET, "POST", "https://hooks.example.com/hubspot/webhooks?src=hs%3Aapp%2Fv3&x=%28a%29", BATCH, "1700000001000"))
                .isEqualTo("WVK7jJPP9L+gJJiDBakJILBI+ObljbuNCY0DvmjtzvU=");
    }

    @Test
    void decodesExactlyTheEscapesOfHubSpotsTable() {
        assertThat(HubSpotSignature.decodeUri("https://h/p?a=%3a%2F%3F%40%21%24%27%28%29%2A%2C%3B&b=%20%26%25&c=%3"))
                .isEqualTo("https://h/p?a=:/?@!$'()*,;&b=%20%26%25&c=%3");
    }

    @Test
    void acceptsTheSignatureWithinFiveMinutesAndNothingElse() {
        String uri = "https://hooks.example.com/hubspot/webhooks";
        String signature = "RQdncu79N8di7Tzk08vLqA9Y5qSCEoOMgAJY1RLox1M=";
        Instant sent = Instant.ofEpochMilli(1_700_000_001_000L);

        HubSpotSignature.verify(SECRET, "POST", uri, BATCH, "1700000001000", signature, sent.plusSeconds(300));
        HubSpotSignature.verify(SECRET, "POST", uri, BATCH, "1700000001000", signature, sent.minusSeconds(300));
        assertThatThrownBy(() -> HubSpotSignature.verify(SECRET, "POST", uri, BATCH, "1700000001000", signature, sent.plusSeconds(301)))
                .isInstanceOf(PushRefused.class).hasMessage("X-HubSpot-Request-Timestamp is 301 s away from this server's clock, more than the 300 s allowed");
        assertThatThrownBy(() -> HubSpotSignature.verify(SECRET, "PUT", uri, BATCH, "1700000001000", signature, sent))
                .isInstanceOf(PushRefused.class).hasMessageStartingWith("X-HubSpot-Signature-v3 does not match this request");
        assertThatThrownBy(() -> HubSpotSignature.verify(SECRET, "POST", uri + "/", BATCH, "1700000001000", signature, sent))
                .isInstanceOf(PushRefused.class);
        assertThatThrownBy(() -> HubSpotSignature.verify(SECRET, "POST", uri, BATCH, "1700000001000.0", signature, sent))
                .isInstanceOf(PushRefused.class).hasMessage("X-HubSpot-Request-Timestamp is missing or not epoch milliseconds");
        assertThatThrownBy(() -> HubSpotSignature.verify(SECRET, "POST", uri, BATCH, "1700000001000", "%%%", sent))
                .isInstanceOf(PushRefused.class).hasMessageStartingWith("X-HubSpot-Signature-v3 does not match this request");
    }
}

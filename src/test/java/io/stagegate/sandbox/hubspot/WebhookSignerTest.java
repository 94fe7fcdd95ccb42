package io.stagegate.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signature vectors of hubspot.md §7.3, all five v3 rows plus the v1 and v2 examples. */
class WebhookSignerTest {
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final String EXAMPLE_BODY = "{'example_field':'example_value'}";
    /** The §7.2 example array, minified. */
    static final String EVENT_ARRAY = "[{\"eventId\":100,\"subscriptionId\":2001,\"portalId\":62515,\"appId\":54321,\"occurredAt\":1700000000000,"
            + "\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":4500,\"propertyName\":\"dealstage\","
            + "\"propertyValue\":\"contractsent\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:1234\"}]";

    @ParameterizedTest(name = "timestamp {0}")
    @CsvSource({
        "15000000, HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=",
        "1693657560000, K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=",
        "1700000300000, RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw="})
    void v3MatchesTheSdkVectors(String timestamp, String signature) {
        assertThat(EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8)).hasSize(33);
        assertThat(WebhookSigner.v3(SECRET, "POST", "https://www.example.com/webhook_uri", EXAMPLE_BODY, timestamp)).isEqualTo(signature).hasSize(44);
    }

    @Test
    void v3OfTheEventArray() {
        assertThat(EVENT_ARRAY.getBytes(StandardCharsets.UTF_8)).hasSize(279);
        assertThat(WebhookSigner.v3(SECRET, "POST", "https://hooks.example.com/hubspot/webhooks", EVENT_ARRAY, "1700000001000"))
                .isEqualTo("RQdncu79N8di7Tzk08vLqA9Y5qSCEoOMgAJY1RLox1M=");
    }

    @Test
    void v3DecodesTheTableEscapesOfTheUriBeforeSigning() {
        String raw = "https://hooks.example.com/hubspot/webhooks?src=hs%3Aapp%2Fv3&x=%28a%29";
        assertThat(WebhookSigner.decodeUri(raw)).isEqualTo("https://hooks.example.com/hubspot/webhooks?src=hs:app/v3&x=(a)");
        assertThat(WebhookSigner.v3(SECRET, "POST", raw, EVENT_ARRAY, "1700000001000")).isEqualTo("WVK7jJPP9L+gJJiDBakJILBI+ObljbuNCY0DvmjtzvU=");
        assertThat(WebhookSigner.v3(SECRET, "POST", WebhookSigner.decodeUri(raw), EVENT_ARRAY, "1700000001000"))
                .isEqualTo("WVK7jJPP9L+gJJiDBakJILBI+ObljbuNCY0DvmjtzvU=")
                .isNotEqualTo("d5f+qkfRLc4ygcMT4fVyZE61PLwv3pJO+VJR1i5d6Lo=");
    }

    @Test
    void onlyTheTableIsDecoded() {
        assertThat(WebhookSigner.decodeUri("https://h/p?a=%20b%26c%3a%2f%40%21%24%27%2A%2C%3B%3F"))
                .isEqualTo("https://h/p?a=%20b%26c:/@!$'*,;?");
        assertThat(WebhookSigner.decodeUri("https://h/p%")).isEqualTo("https://h/p%");
    }

    @Test
    void verificationIsExact() {
        String signature = WebhookSigner.v3(SECRET, "POST", "https://www.example.com/webhook_uri", EXAMPLE_BODY, "15000000");
        assertThat(WebhookSigner.verifyV3(SECRET, "POST", "https://www.example.com/webhook_uri", EXAMPLE_BODY, "15000000", signature)).isTrue();
        assertThat(WebhookSigner.verifyV3(SECRET, "POST", "https://www.example.com/webhook_uri", EXAMPLE_BODY + " ", "15000000", signature)).isFalse();
        assertThat(WebhookSigner.verifyV3(SECRET, "POST", "https://www.example.com/webhook_uri", EXAMPLE_BODY, "15000000.0", signature)).isFalse();
        assertThat(WebhookSigner.verifyV3(SECRET, "POST", "https://www.example.com/webhook_uri", EXAMPLE_BODY, "15000000", null)).isFalse();
    }

    @Test
    void v1OfTheDocumentedSampleBody() {
        String body = "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,\"subscriptionType\":\"contact.creation\","
                + "\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
        assertThat(WebhookSigner.v1(SECRET, body)).isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    }

    @Test
    void v2OfTheDocumentedRequests() {
        assertThat(WebhookSigner.v2(SECRET, "GET", "https://www.example.com/webhook_uri", ""))
                .isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
        assertThat(WebhookSigner.v2(SECRET, "POST", "https://www.example.com/webhook_uri", "{\"example_field\":\"example_value\"}"))
                .isEqualTo("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
    }
}

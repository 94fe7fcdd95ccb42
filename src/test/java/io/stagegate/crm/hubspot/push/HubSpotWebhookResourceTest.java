package io.stagegate.crm.hubspot.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.stagegate.testsupport.InboxRows;
import io.stagegate.testsupport.TestIds;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** HubSpot webhooks: v3 signature over the URL HubSpot called, one row per deal event, 200; 401/400/413 and no row otherwise. */
@QuarkusTest
class HubSpotWebhookResourceTest {
    private static final String SECRET = "demo";
    private static final String PATH = "/webhooks/hubspot";

    @Inject
    Pool pool;

    @TestHTTPResource(PATH)
    URL endpoint;

    private static String propertyChange(long eventId, long dealId, String property, String value, long occurredAt) {
        return "{\"eventId\":" + eventId + ",\"subscriptionId\":2001,\"portalId\":62515,\"appId\":54321,\"occurredAt\":" + occurredAt
                + ",\"subscriptionType\":\"deal.propertyChange\",\"attemptNumber\":0,\"objectId\":" + dealId + ",\"propertyName\":\"" + property
                + "\",\"propertyValue\":\"" + value + "\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:1234\"}";
    }

    private static String key(long dealId, long occurredAt, String type) {
        return "hs:62515:" + type + ":" + dealId + ":" + occurredAt;
    }

    /** Posts to the URL with the query, signed with the secret over {@code signedUrl} at {@code timestamp}. */
    private ValidatableResponse post(String query, String body, String secret, String signedUrl, long timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = HubSpotSignature.sign(secret, "POST", signedUrl, bytes, Long.toString(timestamp));
        return given().urlEncodingEnabled(false).contentType("application/json").header("X-HubSpot-Signature-v3", signature)
                .header("X-HubSpot-Request-Timestamp", Long.toString(timestamp)).body(bytes)
                .when().post(PATH + query).then();
    }

    private ValidatableResponse post(String body) {
        return post("", body, SECRET, endpoint.toString(), System.currentTimeMillis());
    }

    private List<InboxRows.InboxRow> rowsOf(long... dealIds) {
        List<InboxRows.InboxRow> rows = new ArrayList<>();
        for (long dealId : dealIds) {
            rows.addAll(InboxRows.forRecord(pool, "webhook", Long.toString(dealId)));
        }
        return rows;
    }

    @Test
    void persistsEachDealEventAndAnswers200() {
        long first = TestIds.hubspotId();
        long second = TestIds.hubspotId();
        long contact = TestIds.hubspotId();
        long at = System.currentTimeMillis();
        String body = "[" + propertyChange(100, first, "dealstage", "contractsent", at) + ","
                + propertyChange(101, second, "amount", "1200", at) + ","
                + "{\"eventId\":102,\"portalId\":62515,\"occurredAt\":" + at + ",\"subscriptionType\":\"contact.creation\",\"objectId\":" + contact + "},"
                + "{\"eventId\":103,\"portalId\":62515,\"occurredAt\":" + at + ",\"subscriptionType\":\"object.creation\",\"objectTypeId\":\"0-3\","
                + "\"objectId\":" + second + "}]";

        post(body).statusCode(200).contentType("application/json").body(equalTo("{\"accepted\":3,\"duplicates\":0,\"ignored\":1}"));

        List<InboxRows.InboxRow> rows = rowsOf(first, second, contact);
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row.crm()).isEqualTo("HUBSPOT");
            assertThat(row.source()).isEqualTo("webhook");
            assertThat(row.status()).isEqualTo("PENDING");
        });
        assertThat(rows.get(0).recordIds()).containsExactly(Long.toString(first));
        assertThat(rows.get(0).dedupeKey()).startsWith(key(first, at, "deal.propertyChange") + ":");
        assertThat(rows.get(0).payload()).contains("\"propertyValue\":\"contractsent\"", "\"eventId\":100");
        assertThat(rows).extracting(InboxRows.InboxRow::dedupeKey).contains(key(second, at, "object.creation"));
    }

    @Test
    void aRetryInsertsNothingAndIsStillAnswered200() {
        long deal = TestIds.hubspotId();
        long at = System.currentTimeMillis();
        String body = "[" + propertyChange(7, deal, "dealstage", "closedwon", at) + "]";
        post(body).statusCode(200).body(equalTo("{\"accepted\":1,\"duplicates\":0,\"ignored\":0}"));

        post(body.replace("\"attemptNumber\":0", "\"attemptNumber\":1")).statusCode(200).body(equalTo("{\"accepted\":0,\"duplicates\":1,\"ignored\":0}"));
        String otherValueSameEventId = "[" + propertyChange(7, deal, "dealstage", "closedlost", at) + "]";
        post(otherValueSameEventId).statusCode(200).body(equalTo("{\"accepted\":1,\"duplicates\":0,\"ignored\":0}"));

        assertThat(rowsOf(deal)).hasSize(2);
    }

    @Test
    void aMergeNamesEveryDealItTouched() {
        long survivor = TestIds.hubspotId();
        long merged = TestIds.hubspotId();
        String body = "[{\"eventId\":5,\"portalId\":62515,\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"deal.merge\","
                + "\"objectId\":" + survivor + ",\"primaryObjectId\":" + survivor + ",\"mergedObjectIds\":[" + merged + "],\"newObjectId\":" + survivor
                + ",\"numberOfPropertiesMoved\":3}]";

        post(body).statusCode(200);

        assertThat(rowsOf(survivor)).singleElement().satisfies(row -> assertThat(row.recordIds()).containsExactly(Long.toString(survivor),
                Long.toString(merged)));
    }

    @Test
    void theSignatureCoversTheFullUrlWithHubSpotsDecoding() {
        long deal = TestIds.hubspotId();
        String body = "[" + propertyChange(9, deal, "dealstage", "qualifiedtobuy", System.currentTimeMillis()) + "]";
        String query = "?src=hs%3Aapp%2Fv3&x=%28a%29&space=a%20b";

        post(query, body, SECRET, endpoint + "?src=hs:app/v3&x=(a)&space=a%20b", System.currentTimeMillis()).statusCode(200);
        assertThat(rowsOf(deal)).hasSize(1);
    }

    @Test
    void aMissingOrWrongSignatureIs401AndPersistsNothing() {
        long deal = TestIds.hubspotId();
        String body = "[" + propertyChange(1, deal, "dealstage", "appointmentscheduled", System.currentTimeMillis()) + "]";
        long now = System.currentTimeMillis();

        given().contentType("application/json").body(body).when().post(PATH).then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("the request has no X-HubSpot-Signature-v3 header"));
        post("", body, "another-secret", endpoint.toString(), now).statusCode(401)
                .body("detail", containsString("X-HubSpot-Signature-v3 does not match this request"));
        post("", body, SECRET, endpoint.toString().replace("http:", "https:"), now).statusCode(401);
        post("?a=1", body, SECRET, endpoint.toString(), now).statusCode(401);
        given().contentType("application/json").header("X-HubSpot-Signature-v3", "x").body(body).when().post(PATH).then().statusCode(401)
                .body("detail", equalTo("X-HubSpot-Request-Timestamp is missing or not epoch milliseconds"));
        assertThat(rowsOf(deal)).isEmpty();
    }

    @Test
    void aStaleTimestampIs401AndPersistsNothing() {
        long deal = TestIds.hubspotId();
        String body = "[" + propertyChange(1, deal, "dealstage", "appointmentscheduled", System.currentTimeMillis()) + "]";

        post("", body, SECRET, endpoint.toString(), System.currentTimeMillis() - 301_000).statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("more than the 300 s allowed")).body(not(containsString(SECRET)));
        assertThat(rowsOf(deal)).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnArrayIs400AndBrokenEventsAreSkipped() {
        post("{\"eventId\":1}").statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the body must be a JSON array of webhook events"));
        post("[{").statusCode(400).body("detail", containsString("the request body is not valid JSON"));

        long deal = TestIds.hubspotId();
        String body = "[{\"subscriptionType\":\"deal.creation\",\"objectId\":\"abc\"},\"x\","
                + propertyChange(2, deal, "dealstage", "contractsent", System.currentTimeMillis()) + "]";
        post(body).statusCode(200).body(equalTo("{\"accepted\":1,\"duplicates\":0,\"ignored\":2}"));
        assertThat(rowsOf(deal)).hasSize(1);
    }

    /** A body of unknown length is sent chunked (200 KB here); it is refused as soon as it passes the 64 KB of the tests. */
    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        byte[] chunk = ("[" + propertyChange(1, TestIds.hubspotId(), "description", "x".repeat(900), System.currentTimeMillis()) + ",")
                .getBytes(StandardCharsets.UTF_8);
        Supplier<InputStream> unknownLength = () -> new SequenceInputStream(Collections.enumeration(
                Stream.generate(() -> new ByteArrayInputStream(chunk)).limit(200).toList()));
        HttpRequest request = HttpRequest.newBuilder(endpoint.toURI()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(unknownLength)).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"detail\":\"the request body is larger than 65536 bytes\"");
    }

    @Test
    void anOversizedBodyIs413AndPersistsNothing() {
        List<String> events = new ArrayList<>();
        List<Long> deals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long deal = TestIds.hubspotId();
            deals.add(deal);
            events.add(propertyChange(i, deal, "description", "x".repeat(700), System.currentTimeMillis()));
        }
        String body = "[" + String.join(",", events) + "]";
        assertThat(body.length()).isGreaterThan(64 * 1024);

        post(body).statusCode(413).contentType("application/problem+json").body("detail", equalTo("the request body is larger than 65536 bytes"));
        assertThat(rowsOf(deals.stream().mapToLong(Long::longValue).toArray())).isEmpty();
    }
}

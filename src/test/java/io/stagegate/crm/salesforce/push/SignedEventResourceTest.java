package io.stagegate.crm.salesforce.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.stagegate.testsupport.InboxRows;
import io.stagegate.testsupport.TestIds;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signed JSON events: 202 with counts once persisted; 401, 400 or 413 problems and no row otherwise. */
@QuarkusTest
class SignedEventResourceTest {
    private static final String PATH = "/webhooks/salesforce/events";
    private static final String SECRET = "test-events-secret";

    @Inject
    Pool pool;

    /** An event with a fresh id; its dedupe key is {@code sf-ev:<id>}. */
    private record Event(String id, String recordId) {
        static Event fresh() {
            return new Event("evt-" + UUID.randomUUID(), TestIds.salesforce("006"));
        }

        String json() {
            return "{\"id\":\"" + id + "\",\"recordId\":\"" + recordId + "\",\"occurredAt\":\"2026-11-26T09:30:00.000Z\"}";
        }

        String key() {
            return "sf-ev:" + id;
        }
    }

    private static String body(List<Event> events) {
        List<String> json = new ArrayList<>();
        events.forEach(event -> json.add(event.json()));
        return "{\"events\":[" + String.join(",", json) + "]}";
    }

    private static ValidatableResponse post(String body, String signature) {
        return given().contentType("application/json").header("X-Stagegate-Signature", signature).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(PATH).then();
    }

    private static String signed(String body) {
        return StagegateSignature.sign(SECRET, Instant.now().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> keys(List<Event> events) {
        return events.stream().map(Event::key).toList();
    }

    private static void assertProblem(ValidatableResponse response, int status, String detail) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status)).body("detail", containsString(detail))
                .body(not(containsString(SECRET)));
    }

    @Test
    void persistsEachEventAndAnswers202WithTheCounts() {
        List<Event> events = List.of(Event.fresh(), Event.fresh(), Event.fresh());
        String body = body(events);

        post(body, signed(body)).statusCode(202).contentType("application/json").body(equalTo("{\"accepted\":3,\"duplicates\":0}"));

        List<InboxRows.InboxRow> rows = InboxRows.withKeys(pool, keys(events));
        assertThat(rows).extracting(InboxRows.InboxRow::dedupeKey).containsExactlyElementsOf(keys(events));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.crm()).isEqualTo("SALESFORCE");
            assertThat(row.source()).isEqualTo("signed_event");
            assertThat(row.status()).isEqualTo("PENDING");
        });
        assertThat(rows.get(1).recordIds()).containsExactly(events.get(1).recordId());
        assertThat(rows.get(1).payload()).isEqualTo(events.get(1).json());
    }

    @Test
    void aReplayedOrRepeatedEventIsADuplicate() {
        List<Event> events = List.of(Event.fresh(), Event.fresh());
        String body = body(events);
        post(body, signed(body)).statusCode(202);

        Event fresh = Event.fresh();
        String overlapping = body(List.of(events.get(0), fresh, fresh));
        post(body, signed(body)).statusCode(202).body(equalTo("{\"accepted\":0,\"duplicates\":2}"));
        post(overlapping, signed(overlapping)).statusCode(202).body(equalTo("{\"accepted\":1,\"duplicates\":2}"));

        assertThat(InboxRows.withKeys(pool, List.of(events.get(0).key(), events.get(1).key(), fresh.key()))).hasSize(3);
    }

    @Test
    void aMissingOrWrongSignatureIs401AndPersistsNothing() {
        List<Event> events = List.of(Event.fresh());
        String body = body(events);
        long now = Instant.now().getEpochSecond();

        assertProblem(given().contentType("application/json").body(body).when().post(PATH).then(), 401, "the request has no X-Stagegate-Signature header");
        assertProblem(post(body, StagegateSignature.sign("another-secret", now, body.getBytes(StandardCharsets.UTF_8))), 401, "does not match the body");
        assertProblem(post(body.replace("2026-11-26", "2026-11-27"), signed(body)), 401, "does not match the body");
        assertProblem(post(body, "v1=" + "ab".repeat(32)), 401, "has no t=<unix seconds>");
        assertProblem(post(body, "t=" + now), 401, "has no v1=<hex HMAC-SHA256>");
        assertProblem(post(body, "t=" + now + ",v1=not-hex"), 401, "does not match the body");
        post(body, signed(body).replace("v1=", "v1=" + "00".repeat(32) + ",v1=")).statusCode(202);
        assertThat(InboxRows.withKeys(pool, keys(events))).hasSize(1);
    }

    @Test
    void aStaleOrFutureTimestampIs401AndPersistsNothing() {
        List<Event> events = List.of(Event.fresh());
        String body = body(events);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        assertProblem(post(body, StagegateSignature.sign(SECRET, now - 301, bytes)), 401, "more than the 300 s allowed");
        assertProblem(post(body, StagegateSignature.sign(SECRET, now + 400, bytes)), 401, "more than the 300 s allowed");
        assertThat(InboxRows.withKeys(pool, keys(events))).isEmpty();
    }

    @Test
    void aBadBodyIs400NamingEachFieldAndIndexAndPersistsNothing() {
        Event good = Event.fresh();
        String body = "{\"events\":[" + good.json() + ",{\"id\":\"e 2\",\"recordId\":\"001000000000001AAA\",\"occurredAt\":\"yesterday\"},"
                + "{\"recordId\":7},\"text\"]}";

        post(body, signed(body)).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-input"))
                .body("detail", equalTo("7 problem(s) in the events, nothing was accepted; the first: events[1].id: must be 1 to 200 printable ASCII "
                        + "characters without spaces"))
                .body("totalErrors", equalTo(7))
                .body("errors[0].index", equalTo(1)).body("errors[0].field", equalTo("events[1].id"))
                .body("errors[1].field", equalTo("events[1].recordId"))
                .body("errors[1].message", equalTo("'001000000000001AAA' is not an opportunity id (15 or 18 letters and digits starting with 006)"))
                .body("errors[2].field", equalTo("events[1].occurredAt"))
                .body("errors[3].field", equalTo("events[2].id"))
                .body("errors[3].message", equalTo("is required: the sender's id of the event, the same whenever it sends the same change"))
                .body("errors[4].field", equalTo("events[2].recordId")).body("errors[4].message", equalTo("must be a string: the opportunity's id"))
                .body("errors[5].field", equalTo("events[2].occurredAt"))
                .body("errors[6].index", equalTo(3)).body("errors[6].field", equalTo("events[3]"));
        assertProblem(post("{\"events\":[", signed("{\"events\":[")), 400, "the request body is not valid JSON");
        assertProblem(post("[]", signed("[]")), 400, "the body must be a JSON object with an array \"events\"");
        assertProblem(post("{\"events\":[]}", signed("{\"events\":[]}")), 400, "\"events\" must hold 1 to 100 events, it holds 0");
        assertThat(InboxRows.withKeys(pool, List.of(good.key()))).isEmpty();
    }

    @Test
    void anOversizedBodyIs413AndPersistsNothing() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(Event.fresh());
        }
        String body = body(events).replace("\"occurredAt\"", "\"note\":\"" + "x".repeat(600) + "\",\"occurredAt\"");
        assertThat(body.length()).isGreaterThan(64 * 1024);

        post(body, signed(body)).statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/body-too-large")).body("detail", equalTo("the request body is larger than 65536 bytes"));
        assertThat(InboxRows.withKeys(pool, keys(events))).isEmpty();
    }
}

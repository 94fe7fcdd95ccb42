package io.stagegate.sandbox.hubspot;

import static io.restassured.RestAssured.given;
import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot side of {@code /sandbox/stats}: updates per API client (told apart by the product in its User-Agent),
 * records touched and duplicates, as the Salesforce side counts them; and timestamps always written with milliseconds.
 */
@QuarkusTest
class HubSpotWriteStatsTest {
    private static final String MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Inject
    HubSpotPortal portal;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
        given().delete("/sandbox/stats").then().statusCode(200);
    }

    private static RequestSpecification as(String userAgent) {
        return userAgent == null ? api() : api().header("User-Agent", userAgent);
    }

    private static void batch(String userAgent, String... inputs) {
        as(userAgent).body("{\"inputs\":[" + String.join(",", inputs) + "]}").post(DEALS + "/batch/update").then().statusCode(200);
    }

    private static String input(int seq, String propertiesJson) {
        return "{\"id\":\"" + HubSpotFixtures.id(seq) + "\",\"properties\":{" + propertiesJson + "}}";
    }

    @Test
    void countsUpdatesRecordsAndDuplicatesPerClient() {
        batch("stagegate/1.0 (java)", input(1, "\"stagegate_qualified_forecast_amount\":\"5\""), input(2, "\"stagegate_over_staged\":\"true\""));
        // the same values again: both are duplicates, although HubSpot bumps hs_lastmodifieddate on each
        batch("stagegate/1.0 (java)", input(1, "\"stagegate_qualified_forecast_amount\":\"5\""), input(2, "\"stagegate_over_staged\":\"true\""));
        // one new value beside a held one is a real change
        as("stagegate").body("{\"properties\":{\"stagegate_qualified_forecast_amount\":\"5\",\"stagegate_over_staged\":\"false\"}}")
                .patch(DEALS + "/" + HubSpotFixtures.id(1)).then().statusCode(200);
        batch("hubspot-api-client-nodejs; 14.0.1", input(4, "\"stagegate_over_staged\":\"true\""));
        batch("hubspot-api-client-nodejs; 14.0.1", input(4, "\"stagegate_over_staged\":\"true\""));

        given().get("/sandbox/stats").then().statusCode(200)
                .body("hubspot.writesByClient.stagegate.updates", equalTo(5))
                .body("hubspot.writesByClient.stagegate.records", equalTo(2))
                .body("hubspot.writesByClient.stagegate.unchanged", equalTo(2))
                .body("hubspot.writesByClient.size()", equalTo(2))
                .body("salesforce.writesByClient", anEmptyMap());
        Map<String, Object> clients = given().get("/sandbox/stats").then().extract().jsonPath().getMap("hubspot.writesByClient");
        assertThat(clients.get("hubspot-api-client-nodejs")).isEqualTo(Map.of("updates", 2, "records", 1, "unchanged", 1));
        Map<String, Integer> perRecord = given().get("/sandbox/stats/hubspot/writes/stagegate").then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(perRecord).containsExactlyInAnyOrderEntriesOf(Map.of(HubSpotFixtures.id(1), 3, HubSpotFixtures.id(2), 2));
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        // the fixtures' dates fall on whole seconds: Instant.toString() would write them without a fraction
        var deal = api().get(DEALS + "/" + HubSpotFixtures.id(3) + "?properties=closedate,createdate&propertiesWithHistory=dealstage,closedate")
                .then().statusCode(200)
                .body("createdAt", matchesPattern(MILLIS))
                .body("updatedAt", matchesPattern(MILLIS))
                .body("properties.createdate", matchesPattern(MILLIS))
                .body("properties.hs_lastmodifieddate", matchesPattern(MILLIS))
                .extract().jsonPath();
        assertThat(deal.getList("propertiesWithHistory.dealstage.timestamp", String.class)).isNotEmpty().allMatch(at -> at.matches(MILLIS));
        assertThat(deal.getList("propertiesWithHistory.closedate.timestamp", String.class)).isNotEmpty().allMatch(at -> at.matches(MILLIS));
        api().body("{\"properties\":{\"closedate\":\"2026-04-30T17:05:35Z\"}}").patch(DEALS + "/" + HubSpotFixtures.id(3)).then().statusCode(200)
                .body("properties.closedate", equalTo("2026-04-30T17:05:35.000Z"))
                .body("updatedAt", matchesPattern(MILLIS));
        api().get("/sandbox/hubspot/crm/v3/pipelines/deals").then().statusCode(200).body("results[0].createdAt", matchesPattern(MILLIS));
    }
}

package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch read, batch update and PATCH against hubspot.md §2.4 and §3. */
@QuarkusTest
class HubSpotBatchApiTest {
    private static final String READ = DEALS + "/batch/read";
    private static final String UPDATE = DEALS + "/batch/update";

    @Inject
    HubSpotPortal portal;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
    }

    private static String inputs(List<String> ids) {
        List<String> inputs = new ArrayList<>();
        ids.forEach(id -> inputs.add("{\"id\":\"" + id + "\"}"));
        return "[" + String.join(",", inputs) + "]";
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(HubSpotFixtures.id(i % 12));
        }
        return ids;
    }

    @Test
    void batchReadOfFoundDealsIs200() {
        api().body("{\"properties\":[\"dealstage\",\"amount\"],\"inputs\":" + inputs(List.of(HubSpotFixtures.id(1), HubSpotFixtures.id(2))) + "}")
                .when().post(READ).then().statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("results.size()", equalTo(2))
                .body("results[0].properties.dealstage", notNullValue())
                .body("startedAt", notNullValue())
                .body("completedAt", notNullValue())
                .body("$", not(hasKey("numErrors")))
                .body("$", not(hasKey("errors")))
                .header("X-HubSpot-RateLimit-Remaining", notNullValue());
    }

    @Test
    void batchReadWithMissingIdsIs207() {
        api().body("{\"inputs\":" + inputs(List.of(HubSpotFixtures.id(1), "999", "998")) + "}").when().post(READ).then().statusCode(207)
                .body("status", equalTo("COMPLETE"))
                .body("results.id", equalTo(List.of(HubSpotFixtures.id(1))))
                .body("numErrors", equalTo(1))
                .body("errors[0].status", equalTo("error"))
                .body("errors[0].category", equalTo("OBJECT_NOT_FOUND"))
                .body("errors[0].message", equalTo("Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid."))
                .body("errors[0].context.ids", equalTo(List.of("999", "998")));
    }

    @Test
    void batchReadWithHistory() {
        JsonPath result = api().body("{\"propertiesWithHistory\":[\"dealstage\",\"amount\"],\"inputs\":" + inputs(List.of(HubSpotFixtures.id(4))) + "}")
                .when().post(READ).then().statusCode(200).extract().jsonPath();
        assertThat(result.getList("results[0].propertiesWithHistory.dealstage.value")).containsExactly("contractsent", "decisionmakerboughtin",
                "presentationscheduled", "qualifiedtobuy", "appointmentscheduled");
        assertThat(result.getList("results[0].propertiesWithHistory.dealstage.timestamp", String.class)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(result.getString("results[0].propertiesWithHistory.amount[0].value")).isEqualTo("5000");
        assertThat(result.getString("results[0].propertiesWithHistory.amount[0].sourceId")).startsWith("userId:");
    }

    @Test
    void batchReadLimits() {
        api().body("{\"propertiesWithHistory\":[\"dealstage\"],\"inputs\":" + inputs(ids(51)) + "}").when().post(READ).then().statusCode(400)
                .body("category", equalTo("VALIDATION_ERROR"))
                .body("message", equalTo("The maximum number of inputs supported in a batch request for property histories is 50. "
                        + "Please reduce the number of items and try again"));
        api().body("{\"propertiesWithHistory\":[\"dealstage\"],\"inputs\":" + inputs(ids(50)) + "}").when().post(READ).then().statusCode(200);
        api().body("{\"inputs\":" + inputs(ids(101)) + "}").when().post(READ).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        api().body("{\"inputs\":" + inputs(ids(100)) + "}").when().post(READ).then().statusCode(200).body("results.size()", equalTo(12));
    }

    @Test
    void batchUpdateOfFoundDealsIs200AndWritesAsTheApp() {
        String body = "{\"inputs\":[{\"id\":\"" + HubSpotFixtures.id(0) + "\",\"properties\":{\"stagegate_qualified_forecast_amount\":\"12000\","
                + "\"stagegate_stage_skip\":\"true\"}},{\"id\":\"" + HubSpotFixtures.id(1) + "\",\"properties\":{\"amount\":2500}}]}";
        api().body(body).when().post(UPDATE).then().statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("results.size()", equalTo(2))
                .body("results[0].properties.stagegate_qualified_forecast_amount", equalTo("12000"))
                .body("results[0].properties.hs_lastmodifieddate", notNullValue())
                .body("results[1].properties.amount", equalTo("2500"))
                .body("$", not(hasKey("errors")));
        JsonPath deal = api().queryParam("propertiesWithHistory", "stagegate_stage_skip").when().get(DEALS + "/" + HubSpotFixtures.id(0))
                .then().statusCode(200).extract().jsonPath();
        assertThat(deal.getString("propertiesWithHistory.stagegate_stage_skip[0].value")).isEqualTo("true");
        assertThat(deal.getString("propertiesWithHistory.stagegate_stage_skip[0].sourceType")).isEqualTo("INTEGRATION");
        assertThat(deal.getString("propertiesWithHistory.stagegate_stage_skip[0].sourceId")).isEqualTo("1");
        assertThat(deal.getString("updatedAt")).isEqualTo(deal.getString("propertiesWithHistory.stagegate_stage_skip[0].timestamp"));
    }

    @Test
    void batchUpdateWithMissingIdsIs207AndEchoesTheTraceId() {
        String body = "{\"inputs\":[{\"id\":\"" + HubSpotFixtures.id(0) + "\",\"properties\":{\"dealname\":\"Renamed\"}},"
                + "{\"id\":\"404404\",\"properties\":{\"dealname\":\"Ghost\"},\"objectWriteTraceId\":\"trace-1\"}]}";
        api().body(body).when().post(UPDATE).then().statusCode(207)
                .body("results.id", equalTo(List.of(HubSpotFixtures.id(0))))
                .body("numErrors", equalTo(1))
                .body("errors[0].category", equalTo("OBJECT_NOT_FOUND"))
                .body("errors[0].context.ids", equalTo(List.of("404404")))
                .body("errors[0].context.objectWriteTraceId", equalTo(List.of("trace-1")));
        assertThat(portal.get(HubSpotFixtures.id(0)).orElseThrow().property("dealname")).isEqualTo("Renamed");
    }

    @Test
    void anInvalidValueFailsTheWholeBatchWith400() {
        String body = "{\"inputs\":[{\"id\":\"" + HubSpotFixtures.id(0) + "\",\"properties\":{\"dealname\":\"Renamed\"}},"
                + "{\"id\":\"" + HubSpotFixtures.id(1) + "\",\"properties\":{\"amount\":\"1.4210854715202004e-14\"}}]}";
        api().body(body).when().post(UPDATE).then().statusCode(400)
                .body("status", equalTo("error"))
                .body("category", equalTo("VALIDATION_ERROR"))
                .body("correlationId", matchesPattern(HubSpotApi.UUID))
                .body("message", startsWith("Property values were not valid: [{\"isValid\":false,\"message\":\"1.4210854715202004e-14 was not a valid number.\","
                        + "\"error\":\"INVALID_INTEGER\",\"name\":\"amount\""))
                .body("errors[0].message", equalTo("1.4210854715202004e-14 was not a valid number."))
                .body("errors[0].code", equalTo("INVALID_INTEGER"))
                .body("errors[0].context.propertyName", equalTo(List.of("amount")));
        assertThat(portal.get(HubSpotFixtures.id(0)).orElseThrow().property("dealname")).isEqualTo("Acme renewal");
    }

    @Test
    void readOnlyAndUnknownPropertiesAre400() {
        api().body("{\"inputs\":[{\"id\":\"" + HubSpotFixtures.id(0) + "\",\"properties\":{\"hs_deal_stage_probability\":\"0.5\"}}]}").when().post(UPDATE)
                .then().statusCode(400)
                .body("errors[0].code", equalTo("READ_ONLY_VALUE"))
                .body("errors[0].message", equalTo("\"hs_deal_stage_probability\" is a read only property; its value cannot be set."));
        api().body("{\"inputs\":[{\"id\":\"" + HubSpotFixtures.id(0) + "\",\"properties\":{\"missing\":\"x\"}}]}").when().post(UPDATE)
                .then().statusCode(400)
                .body("errors[0].code", equalTo("PROPERTY_DOESNT_EXIST"))
                .body("message", startsWith("Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"missing\\\" does not exist\""));
    }

    @Test
    void batchUpdateLimits() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            inputs.add("{\"id\":\"" + (500 + i) + "\",\"properties\":{\"dealname\":\"x\"}}");
        }
        api().body("{\"inputs\":[" + String.join(",", inputs) + "]}").when().post(UPDATE).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        String duplicate = "{\"id\":\"" + HubSpotFixtures.id(0) + "\",\"properties\":{\"dealname\":\"x\"}}";
        api().body("{\"inputs\":[" + duplicate + "," + duplicate + "]}").when().post(UPDATE).then().statusCode(400)
                .body("message", equalTo("Duplicate IDs found in batch input: [" + HubSpotFixtures.id(0) + "]. IDs must be unique"));
    }

    @Test
    void patchUpdatesOneDeal() {
        api().body("{\"properties\":{\"dealstage\":\"closedwon\",\"stagegate_over_staged\":\"false\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(2))
                .then().statusCode(200)
                .body("id", equalTo(HubSpotFixtures.id(2)))
                .body("properties.dealstage", equalTo("closedwon"))
                .body("properties.stagegate_over_staged", equalTo("false"))
                .body("archived", equalTo(false));
        DealSnapshot deal = portal.get(HubSpotFixtures.id(2)).orElseThrow();
        assertThat(deal.property("hs_is_closed_won")).isEqualTo("true");
        assertThat(deal.property("hs_v2_date_entered_closedwon")).isEqualTo(deal.property("hs_lastmodifieddate"));
        api().body("{\"properties\":{\"dealname\":\"x\"}}").when().patch(DEALS + "/999").then().statusCode(404)
                .body("message", equalTo("Object not found.  objectId are usually numeric."));
        api().body("{\"properties\":{\"dealstage\":\"nowhere\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(2)).then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_OPTION"));
        api().body("{\"properties\":{\"hs_lastmodifieddate\":\"1\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(2)).then().statusCode(400)
                .body("errors[0].code", equalTo("READ_ONLY_VALUE"));
        assertThat(portal.get(HubSpotFixtures.id(2)).orElseThrow().property("dealstage")).isEqualTo("closedwon");
    }

    @Test
    void anEmptyStringClearsThroughTheApi() {
        api().body("{\"properties\":{\"amount\":\"\"}}").when().patch(DEALS + "/" + HubSpotFixtures.id(3)).then().statusCode(200)
                .body("properties.amount", org.hamcrest.Matchers.nullValue());
        assertThat(portal.get(HubSpotFixtures.id(3)).orElseThrow().properties()).doesNotContainKey("amount");
        Map<String, Object> props = api().queryParam("properties", "amount").when().get(DEALS + "/" + HubSpotFixtures.id(3)).then().extract().jsonPath()
                .getMap("properties");
        assertThat(props).containsEntry("amount", null);
    }
}

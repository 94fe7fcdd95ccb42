package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /crm/v3/objects/deals} and {@code GET /crm/v3/objects/deals/{id}} against hubspot.md §2.1, §2.2, §2.5. */
@QuarkusTest
class HubSpotDealsApiTest {
    @Inject
    HubSpotPortal portal;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
    }

    @Test
    void listPagesToTheEndAndPagingIsAbsentOnTheLastPage() {
        List<String> ids = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = api().queryParam("limit", 5);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get(DEALS).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("results.id"));
            after = page.getString("paging.next.after");
            if (after != null) {
                assertThat(page.getString("paging.next.link")).contains("/sandbox/hubspot/crm/v3/objects/deals?").contains("after=" + after)
                        .contains("limit=5");
            } else {
                assertThat(page.getMap("$")).doesNotContainKey("paging");
            }
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(12).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.comparingLong(Long::parseLong));
    }

    @Test
    void theDefaultPropertiesAndTheRecordTimestamps() {
        JsonPath page = api().when().get(DEALS).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("results")).hasSize(10);
        Map<String, Object> first = page.getMap("results[0]");
        Map<String, Object> properties = page.getMap("results[0].properties");
        assertThat(properties).containsOnlyKeys(DealViews.DEFAULT_PROPERTIES);
        assertThat(first.get("id")).isEqualTo(properties.get("hs_object_id"));
        assertThat(first.get("createdAt")).isEqualTo(properties.get("createdate"));
        assertThat(first.get("updatedAt")).isEqualTo(properties.get("hs_lastmodifieddate"));
        assertThat(first.get("archived")).isEqualTo(false);
    }

    @Test
    void requestedPropertiesWithoutAValueAreNullAndUnknownOnesAreIgnored() {
        api().queryParam("properties", "amount,technical_meeting_date,no_such_property").when().get(DEALS + "/" + HubSpotFixtures.id(7))
                .then().statusCode(200)
                .body("properties", hasKey("amount"))
                .body("properties.amount", nullValue())
                .body("properties", hasKey("technical_meeting_date"))
                .body("properties.technical_meeting_date", nullValue())
                .body("properties", not(hasKey("no_such_property")))
                .body("properties.hs_object_id", equalTo(HubSpotFixtures.id(7)))
                .body("properties.createdate", notNullValue())
                .body("properties.hs_lastmodifieddate", notNullValue())
                .body("properties", not(hasKey("dealname")));
    }

    @Test
    void propertiesMayBeRepeated() {
        Map<String, Object> properties = api().queryParam("properties", "dealname").queryParam("properties", "budget_confirmed")
                .when().get(DEALS + "/" + HubSpotFixtures.id(0)).then().statusCode(200).extract().jsonPath().getMap("properties");
        assertThat(properties).containsOnlyKeys("dealname", "budget_confirmed", "hs_object_id", "createdate", "hs_lastmodifieddate");
        assertThat(properties.get("budget_confirmed")).isEqualTo("true");
    }

    @Test
    void everyValueIsAStringOrNull() {
        List<String> names = new ArrayList<>();
        portal.schema.all().forEach(definition -> names.add(definition.name()));
        List<Map<String, Object>> results = api().queryParam("limit", 100).queryParam("properties", String.join(",", names))
                .when().get("/sandbox/hubspot/crm/v3/objects/0-3").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(results).hasSize(12);
        for (Map<String, Object> result : results) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) result.get("properties");
            assertThat(properties).hasSize(names.size());
            properties.forEach((name, value) -> assertThat(value).as(name).satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isInstanceOf(String.class)));
            assertThat(result.get("id")).isInstanceOf(String.class);
        }
        Map<String, Object> won = api().queryParam("properties", "hs_deal_stage_probability,hs_is_closed_won,amount")
                .when().get(DEALS + "/" + HubSpotFixtures.id(5)).then().extract().jsonPath().getMap("properties");
        assertThat(won).containsEntry("hs_deal_stage_probability", "1").containsEntry("hs_is_closed_won", "true").containsEntry("amount", "6000.50");
    }

    @Test
    void limitAboveTheMaximumIs400() {
        api().queryParam("limit", 101).when().get(DEALS).then().statusCode(400)
                .body("status", equalTo("error"))
                .body("category", equalTo("VALIDATION_ERROR"))
                .body("correlationId", matchesPattern(HubSpotApi.UUID))
                .body("message", containsString("100"));
        api().queryParam("limit", 100).when().get(DEALS).then().statusCode(200);
        api().queryParam("after", "not-a-cursor").when().get(DEALS).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void historyIsLimitedTo50PerPage() {
        api().queryParam("limit", 51).queryParam("propertiesWithHistory", "dealstage").when().get(DEALS).then().statusCode(400)
                .body("category", equalTo("VALIDATION_ERROR"));
        JsonPath page = api().queryParam("limit", 50).queryParam("propertiesWithHistory", "dealstage").when().get(DEALS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("results[2].propertiesWithHistory.dealstage.value"))
                .containsExactly("presentationscheduled", "qualifiedtobuy", "appointmentscheduled");
        assertThat(page.getString("results[2].propertiesWithHistory.dealstage[0].sourceType")).isEqualTo("CRM_UI");
        assertThat(page.getString("results[2].propertiesWithHistory.dealstage[0].timestamp")).isEqualTo("2026-01-13T09:00:00.000Z");
        assertThat(page.getMap("results[2]")).doesNotContainKey("associations");
    }

    @Test
    void aMissingDealIs404WithHubSpotsMessage() {
        api().when().get(DEALS + "/123").then().statusCode(404)
                .header("X-HubSpot-Correlation-Id", matchesPattern(HubSpotApi.UUID))
                .body("status", equalTo("error"))
                .body("message", equalTo("Object not found.  objectId are usually numeric."))
                .body("context.id", equalTo(List.of("123")))
                .body("category", equalTo("OBJECT_NOT_FOUND"));
    }

    @Test
    void dealsAreAddressableAs0dash3() {
        api().when().get("/sandbox/hubspot/crm/v3/objects/0-3/" + HubSpotFixtures.id(1)).then().statusCode(200)
                .body("properties.dealname", equalTo("Globex expansion"));
        api().when().get("/sandbox/hubspot/crm/v3/objects/tickets").then().statusCode(400)
                .body("message", equalTo("Unable to infer object type from: tickets"));
    }

    @Test
    void archivedDealsOnlyWhenAskedFor() {
        portal.archive(HubSpotFixtures.id(2), ChangeSource.integration(1));
        assertThat(api().queryParam("limit", 100).when().get(DEALS).then().extract().jsonPath().getList("results.id")).hasSize(11)
                .doesNotContain(HubSpotFixtures.id(2));
        api().queryParam("archived", true).when().get(DEALS).then().statusCode(200)
                .body("results.id", equalTo(List.of(HubSpotFixtures.id(2))))
                .body("results[0].archived", equalTo(true))
                .body("results[0].archivedAt", notNullValue());
        api().when().get(DEALS + "/" + HubSpotFixtures.id(2)).then().statusCode(404);
        api().queryParam("archived", true).when().get(DEALS + "/" + HubSpotFixtures.id(2)).then().statusCode(200).body("archived", equalTo(true));
    }

    @Test
    void associatedContacts() {
        JsonPath deal = api().queryParam("associations", "contacts").when().get(DEALS + "/" + HubSpotFixtures.id(2)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(deal.getList("associations.contacts.results")).hasSize(3);
        assertThat(deal.getString("associations.contacts.results[0].type")).isEqualTo("deal_to_contact");
        assertThat(deal.getString("associations.contacts.results[0].id")).matches("\\d+");
        api().queryParam("associations", "contacts").when().get(DEALS + "/" + HubSpotFixtures.id(4)).then().statusCode(200)
                .body("$", not(hasKey("associations")));
    }

    @Test
    void idPropertyMustBeUnique() {
        api().queryParam("idProperty", "hs_object_id").when().get(DEALS + "/" + HubSpotFixtures.id(1)).then().statusCode(200);
        api().queryParam("idProperty", "dealname").when().get(DEALS + "/Acme").then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void nonSearchResponsesCarryTheRateLimitHeaders() {
        api().when().get(DEALS).then().statusCode(200)
                .header("X-HubSpot-RateLimit-Daily", notNullValue())
                .header("X-HubSpot-RateLimit-Daily-Remaining", notNullValue())
                .header("X-HubSpot-RateLimit-Interval-Milliseconds", equalTo("10000"))
                .header("X-HubSpot-RateLimit-Max", notNullValue())
                .header("X-HubSpot-RateLimit-Remaining", notNullValue())
                .header("X-HubSpot-Correlation-Id", matchesPattern(HubSpotApi.UUID));
    }
}

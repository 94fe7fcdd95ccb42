package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /crm/v3/objects/deals/search} against hubspot.md §2.3. */
@QuarkusTest
class HubSpotSearchApiTest {
    private static final String SEARCH = DEALS + "/search";

    @Inject
    HubSpotPortal portal;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
    }

    private static ValidatableResponse search(String body) {
        return api().body(body).when().post(SEARCH).then();
    }

    /** The sequence numbers of the deals one filter matches, ascending. */
    private static List<Integer> matching(String filter) {
        JsonPath page = search("{\"filterGroups\":[{\"filters\":[" + filter + "]}],\"limit\":100}").statusCode(200).extract().jsonPath();
        return page.getList("results.id", String.class).stream().map(id -> (int) (Long.parseLong(id) - HubSpotPortal.DEAL_ID_BASE)).sorted()
                .collect(Collectors.toList());
    }

    @Test
    void withoutFiltersEverythingComesOldestFirst() {
        JsonPath page = search("{\"limit\":100}").statusCode(200).extract().jsonPath();
        assertThat(page.getInt("total")).isEqualTo(12);
        assertThat(page.getList("results.id")).containsExactlyElementsOf(HubSpotFixtures.deals().stream().map(deal -> HubSpotFixtures.id(deal.seq()))
                .collect(Collectors.toList()));
        assertThat(page.getMap("results[0].properties")).containsOnlyKeys(DealViews.DEFAULT_PROPERTIES);
        assertThat(page.getBoolean("results[0].archived")).isFalse();
        assertThat(page.getMap("$")).doesNotContainKey("paging");
        search("").statusCode(200).body("total", equalTo(12));
    }

    @Test
    void eachOperator() {
        assertThat(matching("{\"propertyName\":\"dealstage\",\"operator\":\"EQ\",\"value\":\"closedwon\"}")).containsExactly(5);
        assertThat(matching("{\"propertyName\":\"dealstage\",\"operator\":\"NEQ\",\"value\":\"closedwon\"}")).hasSize(11).doesNotContain(5);
        assertThat(matching("{\"propertyName\":\"amount\",\"operator\":\"LT\",\"value\":\"3000\"}")).containsExactly(0, 1);
        assertThat(matching("{\"propertyName\":\"amount\",\"operator\":\"LTE\",\"value\":\"3000\"}")).containsExactly(0, 1, 2);
        assertThat(matching("{\"propertyName\":\"amount\",\"operator\":\"GT\",\"value\":\"10000.5\"}")).containsExactly(10, 11);
        assertThat(matching("{\"propertyName\":\"amount\",\"operator\":\"GTE\",\"value\":\"10000.5\"}")).containsExactly(9, 10, 11);
        long from = Instant.parse("2026-01-07T09:00:00Z").toEpochMilli();
        long to = Instant.parse("2026-01-09T09:00:00Z").toEpochMilli();
        assertThat(matching("{\"propertyName\":\"createdate\",\"operator\":\"BETWEEN\",\"value\":\"" + from + "\",\"highValue\":\"" + to + "\"}"))
                .containsExactly(2, 3, 4);
        assertThat(matching("{\"propertyName\":\"dealstage\",\"operator\":\"IN\",\"values\":[\"closedwon\",\"closedlost\"]}")).containsExactly(5, 6);
        assertThat(matching("{\"propertyName\":\"dealstage\",\"operator\":\"NOT_IN\",\"values\":[\"closedwon\",\"closedlost\"]}")).hasSize(10);
        assertThat(matching("{\"propertyName\":\"amount\",\"operator\":\"HAS_PROPERTY\"}")).hasSize(11).doesNotContain(7);
        assertThat(matching("{\"propertyName\":\"amount\",\"operator\":\"NOT_HAS_PROPERTY\"}")).containsExactly(7);
        assertThat(matching("{\"propertyName\":\"dealname\",\"operator\":\"CONTAINS_TOKEN\",\"value\":\"renewal\"}")).containsExactly(0);
        assertThat(matching("{\"propertyName\":\"dealname\",\"operator\":\"NOT_CONTAINS_TOKEN\",\"value\":\"renewal\"}")).hasSize(11);
    }

    @Test
    void caseRules() {
        assertThat(matching("{\"propertyName\":\"dealname\",\"operator\":\"EQ\",\"value\":\"ACME RENEWAL\"}")).containsExactly(0);
        assertThat(matching("{\"propertyName\":\"dealstage\",\"operator\":\"EQ\",\"value\":\"CLOSEDWON\"}")).isEmpty();
        assertThat(matching("{\"propertyName\":\"dealname\",\"operator\":\"IN\",\"values\":[\"acme renewal\"]}")).containsExactly(0);
        assertThat(matching("{\"propertyName\":\"dealname\",\"operator\":\"IN\",\"values\":[\"Acme renewal\"]}")).isEmpty();
        assertThat(matching("{\"propertyName\":\"budget_confirmed\",\"operator\":\"EQ\",\"value\":\"true\"}")).containsExactly(0, 2, 4, 6, 8, 10);
    }

    @Test
    void datetimeValuesAreEpochMilliseconds() {
        portal.update(HubSpotFixtures.id(3), Map.of("dealname", "touched"), ChangeSource.integration(1));
        long since = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
        assertThat(matching("{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"" + since + "\"}")).containsExactly(3);
        search("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"yesterday\"}]}]}")
                .statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void filtersOfAGroupAreAndedAndGroupsOred() {
        String both = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"dealstage\",\"operator\":\"EQ\",\"value\":\"appointmentscheduled\"},"
                + "{\"propertyName\":\"amount\",\"operator\":\"GT\",\"value\":\"500\"}]},"
                + "{\"filters\":[{\"propertyName\":\"dealstage\",\"operator\":\"EQ\",\"value\":\"closedwon\"}]}]}";
        assertThat(search(both).statusCode(200).extract().jsonPath().getList("results.id")).containsExactly(HubSpotFixtures.id(0), HubSpotFixtures.id(5));
    }

    @Test
    void filterAndGroupLimits() {
        String filter = "{\"propertyName\":\"amount\",\"operator\":\"HAS_PROPERTY\"}";
        search(groups(6, 1, filter)).statusCode(400).body("category", equalTo("VALIDATION_ERROR")).body("message", containsString("5"));
        search(groups(1, 7, filter)).statusCode(400).body("category", equalTo("VALIDATION_ERROR")).body("message", containsString("6"));
        search(groups(4, 5, filter)).statusCode(400).body("category", equalTo("VALIDATION_ERROR")).body("message", containsString("18"));
        search(groups(3, 6, filter)).statusCode(200).body("total", equalTo(11));
        search(groups(5, 1, filter)).statusCode(200);
    }

    private static String groups(int groups, int filters, String filter) {
        List<String> all = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<String> group = new ArrayList<>();
            for (int f = 0; f < filters; f++) {
                group.add(filter);
            }
            all.add("{\"filters\":[" + String.join(",", group) + "]}");
        }
        return "{\"filterGroups\":[" + String.join(",", all) + "]}";
    }

    @Test
    void sortInTheObjectFormAndTheStringForm() {
        List<String> byAmount = search("{\"sorts\":[{\"propertyName\":\"amount\",\"direction\":\"DESCENDING\"}],\"limit\":3}").statusCode(200)
                .extract().jsonPath().getList("results.id");
        assertThat(byAmount).containsExactly(HubSpotFixtures.id(11), HubSpotFixtures.id(10), HubSpotFixtures.id(9));
        List<String> newest = search("{\"sorts\":[\"-createdate\"],\"limit\":2}").statusCode(200).extract().jsonPath().getList("results.id");
        assertThat(newest).containsExactly(HubSpotFixtures.id(11), HubSpotFixtures.id(10));
        List<String> oldest = search("{\"sorts\":[\"createdate\"],\"limit\":2}").statusCode(200).extract().jsonPath().getList("results.id");
        assertThat(oldest).containsExactly(HubSpotFixtures.id(0), HubSpotFixtures.id(1));
        List<String> ascending = search("{\"sorts\":[{\"propertyName\":\"amount\",\"direction\":\"ASCENDING\"}],\"limit\":100}").statusCode(200)
                .extract().jsonPath().getList("results.id");
        assertThat(ascending.get(11)).as("a deal without amount sorts last").isEqualTo(HubSpotFixtures.id(7));
        search("{\"sorts\":[\"-createdate\",\"amount\"]}").statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void afterIsANumericOffsetAndPagingIsAbsentOnTheLastPage() {
        JsonPath first = search("{\"limit\":5}").statusCode(200).extract().jsonPath();
        assertThat(first.getInt("total")).isEqualTo(12);
        assertThat(first.getString("paging.next.after")).isEqualTo("5");
        JsonPath second = search("{\"limit\":5,\"after\":\"5\"}").statusCode(200).extract().jsonPath();
        assertThat(second.getString("paging.next.after")).isEqualTo("10");
        JsonPath last = search("{\"limit\":5,\"after\":10}").statusCode(200).extract().jsonPath();
        assertThat(last.getList("results")).hasSize(2);
        assertThat(last.getMap("$")).doesNotContainKey("paging");
        assertThat(last.getInt("total")).isEqualTo(12);
        search("{\"after\":\"abc\"}").statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        JsonPath count = search("{\"limit\":0}").statusCode(200).extract().jsonPath();
        assertThat(count.getInt("total")).isEqualTo(12);
        assertThat(count.getList("results")).isEmpty();
        assertThat(count.getMap("$")).doesNotContainKey("paging");
    }

    @Test
    void limitsOfTheRequest() {
        search("{\"limit\":201}").statusCode(400).body("category", equalTo("VALIDATION_ERROR")).body("correlationId", matchesPattern(HubSpotApi.UUID));
        search("{\"limit\":200}").statusCode(200);
        String padding = "x".repeat(3_000);
        search("{\"query\":\"" + padding + "\"}").statusCode(400).body("category", equalTo("VALIDATION_ERROR")).body("message", containsString("3000"));
        search("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"amount\",\"operator\":\"ABOUT\",\"value\":\"1\"}]}]}").statusCode(400);
        search("{not json").statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void propertiesAndNoHistory() {
        JsonPath page = search("{\"properties\":[\"dealstage\",\"technical_meeting_date\"],\"propertiesWithHistory\":[\"dealstage\"],\"limit\":1}")
                .statusCode(200).extract().jsonPath();
        assertThat(page.getMap("results[0].properties")).containsOnlyKeys("dealstage", "technical_meeting_date", "hs_object_id", "createdate",
                "hs_lastmodifieddate");
        assertThat(page.getMap("results[0].properties")).containsEntry("technical_meeting_date", null);
        assertThat(page.getMap("results[0]")).doesNotContainKey("propertiesWithHistory");
    }

    @Test
    void noRateLimitHeadersOnSearch() {
        api().body("{}").when().post(SEARCH).then().statusCode(200)
                .header("X-HubSpot-RateLimit-Max", nullValue())
                .header("X-HubSpot-RateLimit-Daily", nullValue())
                .header("X-HubSpot-Correlation-Id", matchesPattern(HubSpotApi.UUID));
    }

    @Test
    void archivedDealsNeverMatch() {
        portal.archive(HubSpotFixtures.id(5), ChangeSource.integration(1));
        assertThat(matching("{\"propertyName\":\"dealstage\",\"operator\":\"EQ\",\"value\":\"closedwon\"}")).isEmpty();
        search("{}").body("total", equalTo(11));
    }

    @Test
    void freeTextQuery() {
        assertThat(search("{\"query\":\"glob\"}").statusCode(200).extract().jsonPath().getList("results.id")).containsExactly(HubSpotFixtures.id(1));
    }

    @Test
    void noMoreThan10000ResultsPerQuery() {
        portal.seed(HubSpotFixtures.many(10_050).stream());
        JsonPath last = search("{\"limit\":200,\"after\":\"9800\"}").statusCode(200).extract().jsonPath();
        assertThat(last.getInt("total")).isEqualTo(10_050);
        assertThat(last.getList("results")).hasSize(200);
        assertThat(last.getString("results[199].id")).isEqualTo(HubSpotFixtures.id(9_999));
        assertThat(last.getString("paging.next.after")).isEqualTo("10000");
        search("{\"limit\":200,\"after\":\"10000\"}").statusCode(400).body("category", equalTo("VALIDATION_ERROR"))
                .body("message", containsString("10000"));
        search("{\"limit\":10,\"after\":\"9995\"}").statusCode(400);
        search("{\"limit\":5,\"after\":\"9995\"}").statusCode(200);
    }
}

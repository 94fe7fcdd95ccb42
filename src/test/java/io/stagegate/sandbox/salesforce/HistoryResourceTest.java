package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stagegate.sandbox.HubSpotScenarioTarget;
import io.stagegate.sandbox.SalesforceScenarioTarget;
import io.stagegate.sandbox.SandboxOrgRunner;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history query shapes over HTTP on the seeded synthetic org (OpportunityFieldHistory alone and as the
 * {@code Histories} subquery, OpportunityHistory, describe's tracked fields, the refusals), the ground-truth endpoint,
 * and the scenario tick appending history and answering per CRM.
 */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class HistoryResourceTest {
    private static final String FIELD_HISTORY = "SELECT OpportunityId, Field, OldValue, NewValue, CreatedDate FROM OpportunityFieldHistory";

    @Inject
    SandboxOrgRunner runner;

    @Inject
    SalesforceScenarioTarget salesforce;

    @Inject
    HubSpotScenarioTarget hubspot;

    private String token;

    @BeforeEach
    void seed() {
        runner.seed(salesforce);
        runner.seed(hubspot);
        token = SalesforceApi.token();
    }

    private JsonPath query(String soql) {
        return SalesforceApi.as(token).queryParam("q", soql).get(SalesforceApi.DATA + "/query").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void fieldHistoryPagesLikeAnyQueryAndCarriesTypedValues() {
        JsonPath page = query(FIELD_HISTORY + " ORDER BY OpportunityId, CreatedDate");
        assertThat(page.getInt("totalSize")).isGreaterThan(2000);
        assertThat(page.getBoolean("done")).isFalse();
        assertThat(page.getList("records")).hasSize(2000);
        assertThat(page.getString("records[0].attributes.type")).isEqualTo("OpportunityFieldHistory");
        assertThat(page.getString("records[0].attributes.url")).startsWith("/services/data/v62.0/sobjects/OpportunityFieldHistory/017");
        assertThat(page.getString("records[0].CreatedDate")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000\\+0000");
        List<Map<String, Object>> rows = new ArrayList<>(page.getList("records"));
        String next = page.getString("nextRecordsUrl");
        JsonPath second = SalesforceApi.as(token).get(SalesforceApi.INSTANCE + next).then().statusCode(200).extract().jsonPath();
        rows.addAll(second.getList("records"));
        assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("Field", "created").containsEntry("OldValue", null));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("Field")).isEqualTo("Amount");
            assertThat(row.get("NewValue")).isInstanceOf(Number.class);
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("Field")).isEqualTo("CloseDate");
            assertThat((String) row.get("NewValue")).matches("\\d{4}-\\d{2}-\\d{2}");
        });
        assertThat(rows).anySatisfy(row -> assertThat((String) row.get("Field")).endsWith("__c"));

        JsonPath stages = query(FIELD_HISTORY + " WHERE Field = 'StageName' AND CreatedDate >= 2020-01-01T00:00:00Z LIMIT 5");
        assertThat(stages.getList("records.Field")).containsOnly("StageName");
        assertThat(stages.getList("records.NewValue")).doesNotContainNull();
    }

    @Test
    void historiesAsSubqueriesDescribeAndRefusals() {
        JsonPath withChildren = query("SELECT Id, (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories ORDER BY CreatedDate), "
                + "(SELECT StageName, Amount, CloseDate, PrevAmount, PrevCloseDate, CreatedDate FROM OpportunityHistories) FROM Opportunity LIMIT 3");
        assertThat(withChildren.getList("records")).hasSize(3);
        assertThat(withChildren.getString("records[0].Histories.records[0].Field")).isEqualTo("created");
        assertThat(withChildren.getList("records[0].OpportunityHistories.records")).isNotEmpty();

        SalesforceApi.as(token).get(SalesforceApi.DATA + "/sobjects/OpportunityFieldHistory/describe").then().statusCode(200)
                .body("keyPrefix", equalTo("017"))
                .body("fields.find { it.name == 'Field' }.picklistValues.value", hasItems("StageName", "Amount", "CloseDate", "created"))
                .body("fields.find { it.name == 'NewValue' }.type", equalTo("anyType"))
                .body("fields.find { it.name == 'NewValue' }.filterable", equalTo(false));

        SalesforceApi.as(token).queryParam("q", FIELD_HISTORY + " WHERE NewValue = 'Closed Won'").get(SalesforceApi.DATA + "/query").then()
                .statusCode(400).body("[0].errorCode", equalTo("INVALID_FIELD"))
                .body("[0].message", endsWith("field 'NewValue' can not be filtered in a query call"));
    }

    @Test
    void groundTruthPerQuarterAndTicksThatAppendHistory() {
        JsonPath truth = given().get("/sandbox/admin/history/salesforce/quarters").then().statusCode(200).extract().jsonPath();
        assertThat(truth.getList("quarter", String.class)).isNotEmpty().allMatch(quarter -> quarter.matches("\\d{4}-Q[1-4]"));
        assertThat(truth.getList("quarter", String.class).stream().distinct().count()).isEqualTo(4);
        assertThat(truth.getList("ownerName", String.class)).contains("Jim Hopewell", "Tom Becker");
        assertThat(truth.getList("closedWon", Float.class)).anyMatch(amount -> amount > 0);
        given().queryParam("quarters", 2).get("/sandbox/admin/history/hubspot/quarters").then().statusCode(200)
                .body("quarter.unique().size()", equalTo(2));
        given().queryParam("quarters", 0).get("/sandbox/admin/history/salesforce/quarters").then().statusCode(400)
                .body("detail", startsWith("quarters must be from 1 to 8"));
        given().queryParam("quarters", "many").get("/sandbox/admin/history/salesforce/quarters").then().statusCode(400);
        given().get("/sandbox/admin/history/pipedrive/quarters").then().statusCode(404);

        int before = query("SELECT COUNT() FROM OpportunityFieldHistory").getInt("totalSize");
        int salesforceChanges = 0;
        for (int round = 0; round < 4; round++) {
            JsonPath tick = given().post("/sandbox/admin/scenario/tick").then().statusCode(200)
                    .body("salesforce", notNullValue()).body("hubspot", notNullValue()).extract().jsonPath();
            assertThat(tick.getInt("changes")).isEqualTo(tick.getInt("salesforce") + tick.getInt("hubspot"));
            salesforceChanges += tick.getInt("salesforce");
        }
        assertThat(salesforceChanges).isPositive();
        assertThat(query("SELECT COUNT() FROM OpportunityFieldHistory").getInt("totalSize")).isGreaterThan(before);
    }
}

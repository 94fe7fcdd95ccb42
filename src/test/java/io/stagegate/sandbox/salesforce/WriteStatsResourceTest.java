package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.sandbox.SalesforceScenarioTarget;
import io.stagegate.sandbox.SandboxOrgRunner;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-client write counters of {@code /sandbox/stats}, which the scale-out and crash ITs judge duplicate writes by,
 * and the scenario tick a test drives the reps with.
 */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class WriteStatsResourceTest {
    private static final String COLLECTIONS = SalesforceApi.DATA + "/composite/sobjects";

    @Inject
    SalesforceOrg org;

    @Inject
    SandboxOrgRunner runner;

    @Inject
    SalesforceScenarioTarget scenario;

    private String token;

    @BeforeEach
    void seed() {
        org.seed(TestDeals.many(5));
        token = SalesforceApi.token();
        given().delete("/sandbox/stats").then().statusCode(200);
    }

    /** One record of a collection update: {@code fieldsJson} like {@code "Over_Staged__c":true}. */
    private String update(int seq, String fieldsJson) {
        return "{\"attributes\":{\"type\":\"Opportunity\"},\"id\":\"" + org.opportunityId(seq) + "\"," + fieldsJson + "}";
    }

    private void write(String client, String... records) {
        var request = SalesforceApi.as(token).contentType("application/json");
        if (client != null) {
            request = request.header("Sforce-Call-Options", "client=" + client);
        }
        request.body("{\"allOrNone\":false,\"records\":[" + String.join(",", records) + "]}").patch(COLLECTIONS).then().statusCode(200);
    }

    @Test
    void countsUpdatesRecordsAndUnchangedUpdatesPerClient() {
        write("stagegate", update(1, "\"Qualified_Forecast__c\":5.0"), update(2, "\"Over_Staged__c\":true"));
        // the same values again: both updates change nothing, they are duplicates
        write("stagegate", update(1, "\"Qualified_Forecast__c\":5.0"), update(2, "\"Over_Staged__c\":true"));
        // a new value beside a held one is a real change; a refused record is no update
        write("stagegate", update(1, "\"Qualified_Forecast__c\":6.0,\"Over_Staged__c\":false"), update(3, "\"StageName\":\"Nope\""));
        write("other", update(4, "\"Over_Staged__c\":true"));
        write(null, update(4, "\"Over_Staged__c\":false"));

        given().get("/sandbox/stats").then().statusCode(200)
                .body("salesforce.writesByClient.stagegate.updates", equalTo(5))
                .body("salesforce.writesByClient.stagegate.records", equalTo(2))
                .body("salesforce.writesByClient.stagegate.unchanged", equalTo(2))
                .body("salesforce.writesByClient.other.updates", equalTo(1))
                .body("salesforce.writesByClient.other.unchanged", equalTo(0))
                .body("salesforce.writesByClient.size()", equalTo(2))
                .body("hubspot.writesByClient", anEmptyMap());

        Map<String, Integer> perRecord = given().get("/sandbox/stats/salesforce/writes/stagegate").then().statusCode(200).extract().jsonPath()
                .getMap("$");
        assertThat(perRecord).containsExactlyInAnyOrderEntriesOf(Map.of(org.opportunityId(1), 3, org.opportunityId(2), 2));
        given().get("/sandbox/stats/salesforce/writes/nobody").then().statusCode(200).body("$", anEmptyMap());
        given().get("/sandbox/stats/pipedrive/writes/stagegate").then().statusCode(404);

        given().delete("/sandbox/stats").then().statusCode(200).body("salesforce.writesByClient", anEmptyMap());
        given().get("/sandbox/stats/salesforce/writes/stagegate").then().statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void aTestCanLetTheRepsActRoundByRound() {
        runner.seed(scenario);
        int changes = 0;
        for (int round = 0; round < 3; round++) {
            changes += given().post("/sandbox/admin/scenario/tick").then().statusCode(200).extract().<Integer>path("changes");
        }
        assertThat(changes).isPositive();
        // reps act as themselves, not through an API client
        given().get("/sandbox/stats").then().statusCode(200).body("salesforce.writesByClient", anEmptyMap());
    }
}

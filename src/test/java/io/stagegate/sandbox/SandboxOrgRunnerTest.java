package io.stagegate.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SandboxOrgRunnerTest {
    @Inject
    SandboxOrgRunner runner;

    @Inject
    HubSpotScenarioTarget hubspot;

    @Inject
    HubSpotPortal portal;

    @Inject
    SalesforceScenarioTarget salesforce;

    @Inject
    io.stagegate.sandbox.salesforce.SalesforceOrg org;

    @Test
    void seedsSalesforceSoThatAnOrdinaryClientCountsEveryOpportunity() {
        int size = runner.seed(salesforce);
        String token = given().formParam("grant_type", "client_credentials").formParam("client_id", "demo").formParam("client_secret", "demo")
                .when().post("/sandbox/salesforce/services/oauth2/token")
                .then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).queryParam("q", "SELECT COUNT() FROM Opportunity")
                .when().get("/sandbox/salesforce/services/data/v62.0/query")
                .then().statusCode(200).body("totalSize", equalTo(size));

        int changesBefore = org.recentChanges().size();
        assertThat(runner.tick() + runner.tick()).isPositive();
        assertThat(org.recentChanges().size()).isGreaterThan(changesBefore);
    }

    @Test
    void seedsTheSyntheticOrgAndLetsRepsActOnIt() {
        int size = runner.seed(hubspot);

        given().auth().oauth2("demo").contentType("application/json").body("{\"limit\": 1}")
                .when().post("/sandbox/hubspot/crm/v3/objects/deals/search")
                .then().statusCode(200).body("total", equalTo(size));

        String before = portal.liveDeals().map(deal -> deal.toString()).reduce("", String::concat);
        int applied = runner.tick() + runner.tick();
        String after = portal.liveDeals().map(deal -> deal.toString()).reduce("", String::concat);

        assertThat(applied).isPositive();
        assertThat(after).isNotEqualTo(before);
    }
}

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

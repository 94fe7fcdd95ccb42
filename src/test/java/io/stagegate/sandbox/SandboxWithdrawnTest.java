package io.stagegate.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A product instance connected to a real Salesforce (here an address where nothing listens): its embedded sandbox is
 * neither served nor seeded, and no simulated rep acts, even though the profile asks for seeding and a busy scenario.
 */
@QuarkusTest
@TestProfile(SandboxWithdrawnTest.RealSalesforce.class)
class SandboxWithdrawnTest {

    public static class RealSalesforce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stagegate.salesforce.enabled", "true",
                    "stagegate.salesforce.login-url", "http://127.0.0.1:9",
                    "stagegate.salesforce.auth-flow", "client-credentials",
                    "stagegate.salesforce.client-id", "real-org-client",
                    "stagegate.salesforce.client-secret", "real-org-secret",
                    "stagegate.sandbox.seed-on-start", "true",
                    "stagegate.sandbox.size", "50",
                    "stagegate.sandbox.scenario.interval-seconds", "1");
        }
    }

    @Inject
    SandboxConfig config;

    @Inject
    SalesforceOrg salesforce;

    @Inject
    HubSpotPortal hubspot;

    @Test
    void theSandboxAnswers404EverywhereAndHoldsNoOrg() throws InterruptedException {
        assertThat(config.enabled()).isFalse();
        given().when().get("/sandbox/stats").then().statusCode(404);
        given().formParam("grant_type", "client_credentials").formParam("client_id", "demo").formParam("client_secret", "demo")
                .when().post("/sandbox/salesforce/services/oauth2/token").then().statusCode(404);
        given().when().get("/sandbox/salesforce/services/data/v62.0/query?q=SELECT+Id+FROM+Opportunity").then().statusCode(404);
        given().when().get("/sandbox/hubspot/crm/v3/objects/deals").then().statusCode(404);

        Thread.sleep(2_500); // two scenario rounds, had the scenario started
        assertThat(salesforce.opportunityIds()).as("seeded Salesforce opportunities").isEmpty();
        assertThat(salesforce.recentChanges()).as("simulated rep actions").isEmpty();
        assertThat(hubspot.size()).as("seeded HubSpot deals").isZero();
    }
}

package io.stagegate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The leaders' read APIs with tokens configured: a viewer reads them, as JSON and CSV; nobody without a token does. */
@QuarkusTest
@TestProfile(TokensConfigured.class)
class LeaderApiDoorsTest {
    private static final String[] LISTS = {"/api/forecast", "/api/forecast/accuracy", "/api/debrief", "/api/jumps", "/api/audit"};

    @Test
    void readsNeedAToken() {
        for (String path : LISTS) {
            given().queryParam("crm", "salesforce").when().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"));
            given().header("Authorization", "Bearer not-a-token-we-know-1234").queryParam("crm", "salesforce").when().get(path).then()
                    .statusCode(401);
            given().queryParam("crm", "salesforce").queryParam("format", "csv").when().get(path).then().statusCode(401);
        }
    }

    @Test
    void aViewerReadsEveryListAsJsonAndCsv() {
        for (String path : LISTS) {
            given().header("Authorization", "Bearer " + TokensConfigured.VIEWER).queryParam("crm", "salesforce").when().get(path).then()
                    .statusCode(200).contentType("application/json").body("next", equalTo(null));
            given().header("Authorization", "Bearer " + TokensConfigured.VIEWER).header("Accept", "text/csv").queryParam("crm", "salesforce").when()
                    .get(path).then().statusCode(200).contentType(startsWith("text/csv"));
        }
    }

    @Test
    void aManualPollIsAuditedWithItsActor() {
        given().header("Authorization", "Bearer " + TokensConfigured.ADMIN_NEW).when().post("/api/sync/poll").then().statusCode(200);
        given().header("Authorization", "Bearer " + TokensConfigured.VIEWER).queryParam("action", "poll").when().get("/api/audit").then()
                .statusCode(200).body("items.action", hasItem("poll.requested")).body("items[0].actor", startsWith("api:"));
    }
}

package io.stagegate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** With tokens configured: who may read, who may change, and which doors stay as they were. */
@QuarkusTest
@TestProfile(TokensConfigured.class)
class ClosedDoorsTest {
    @Inject
    AccessTokens tokens;

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static void unauthorized(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
    }

    private static void forbidden(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("detail", containsString("admin"));
    }

    @Test
    void readsNeedAViewerOrAdminToken() {
        for (String path : new String[] {"/api/sync", "/api/sync/dead-letters", "/api/opportunities/salesforce/006000000000000AAA", "/"}) {
            unauthorized(given().when().get(path).then());
            unauthorized(as("not-a-token-we-know-1234").when().get(path).then());
            as(TokensConfigured.VIEWER).when().get(path).then().statusCode(not(401)).statusCode(not(403));
            as(TokensConfigured.ADMIN_NEW).when().get(path).then().statusCode(not(401)).statusCode(not(403));
        }
        as(TokensConfigured.VIEWER).when().get("/api/sync").then().statusCode(200).body("instance", not(nullValue()));
    }

    @Test
    void evaluateNeedsAViewerToken() {
        unauthorized(given().contentType("application/json").body("[]").when().post("/api/evaluate").then());
        as(TokensConfigured.VIEWER).contentType("application/json").body("[]").when().post("/api/evaluate").then().statusCode(400)
                .body("detail", containsString("no opportunities")); // past the door: the body is what is wrong
    }

    @Test
    void changesNeedAnAdminTokenEitherOfTheRotation() {
        for (String path : new String[] {"/api/sync/poll", "/api/sync/sweep", "/api/sync/dead-letters/replay", "/api/sync/bootstrap"}) {
            unauthorized(given().when().post(path).then());
            unauthorized(as("not-a-token-we-know-1234").when().post(path).then());
            forbidden(as(TokensConfigured.VIEWER).when().post(path).then());
        }
        as(TokensConfigured.ADMIN_OLD).when().post("/api/sync/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(0));
        as(TokensConfigured.ADMIN_NEW).when().post("/api/sync/sweep").then().statusCode(202);
        // the Salesforce sandbox is synced here: its metadata is deployed from deploy/salesforce, not created by the API
        as(TokensConfigured.ADMIN_NEW).when().post("/api/sync/bootstrap").then().statusCode(409);
    }

    @Test
    void noAdminTokenIsGeneratedWhenOneIsConfigured() {
        org.assertj.core.api.Assertions.assertThat(tokens.generatedAdminToken()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(tokens.readsOpen()).isFalse();
    }

    @Test
    void aCrossSitePostWithCookiesAndNoTokenChangesNothing() {
        // what any web page can make a browser send without a preflight: text/plain, its cookies, its Origin; the CORS
        // filter refuses the foreign origin before the endpoint is reached
        given().header("Origin", "https://evil.example").cookie("session", "stolen").contentType("text/plain")
                .body("x").when().post("/api/sync/poll").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        // and without an Origin header (a browser that sends none, a script) cookies still are no credential
        unauthorized(given().cookie("session", "stolen").contentType("text/plain").body("x").when().post("/api/sync/poll").then());
    }

    @Test
    void noCorsHeadersForAnotherSite() {
        as(TokensConfigured.VIEWER).header("Origin", "https://evil.example").when().get("/api/sync").then()
                .statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        as(TokensConfigured.VIEWER).header("Origin", "http://localhost").when().get("/api/sync").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").when().options("/api/sync/poll").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void probesWebhooksAndTheSandboxAreNotBehindTheTokens() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(not(401));
        // a stray or wrong Authorization header on a probe or webhook is ignored, not refused
        as("not-a-token-we-know-1234").when().get("/q/health/live").then().statusCode(200);
        given().contentType("application/json").body("[]").when().post("/webhooks/hubspot").then()
                .statusCode(not(200)).header("WWW-Authenticate", nullValue());
        given().when().get("/sandbox/stats").then().statusCode(200);
    }
}

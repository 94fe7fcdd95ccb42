package io.stagegate.sandbox.hubspot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Bearer authentication of the simulated API and the 401 body and headers of hubspot.md §1. */
@QuarkusTest
class HubSpotAuthTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String MESSAGE = "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more "
            + "details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    @Test
    void missingTokenIs401InvalidAuthentication() {
        given().when().get("/sandbox/hubspot/crm/v3/objects/deals")
                .then().statusCode(401)
                .header("x-hubspot-auth-failure", "401 Unauthorized")
                .header("X-HubSpot-Correlation-Id", matchesPattern(UUID))
                .body("status", equalTo("error"))
                .body("message", equalTo(MESSAGE))
                .body("category", equalTo("INVALID_AUTHENTICATION"))
                .body("correlationId", matchesPattern(UUID));
    }

    @Test
    void wrongTokenIs401AndTheBodyCarriesTheHeaderCorrelationId() {
        var response = given().header("Authorization", "Bearer pat-na1-wrong").when().post("/sandbox/hubspot/crm/v3/objects/deals/search");
        response.then().statusCode(401).body("category", equalTo("INVALID_AUTHENTICATION"));
        org.assertj.core.api.Assertions.assertThat(response.jsonPath().getString("correlationId")).isEqualTo(response.header("X-HubSpot-Correlation-Id"));
    }

    @Test
    void otherSchemesAreRefused() {
        given().header("Authorization", "Basic ZGVtbzpkZW1v").when().get("/sandbox/hubspot/crm/v3/pipelines/deals")
                .then().statusCode(401).body("category", equalTo("INVALID_AUTHENTICATION"));
    }

    @Test
    void theConfiguredTokenIsAccepted() {
        given().header("Authorization", "Bearer demo").when().get("/sandbox/hubspot/crm/v3/pipelines/deals")
                .then().statusCode(200).header("X-HubSpot-Correlation-Id", notNullValue()).body("results[0].id", equalTo("default"));
    }

    @Test
    void theTokenEndpointGrantsARefreshAndItsAccessTokenIsAccepted() {
        String token = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("client_id", "demo-client").formParam("client_secret", "demo").formParam("refresh_token", "na1-demo-refresh")
                .when().post("/sandbox/hubspot/oauth/v1/token")
                .then().statusCode(200)
                .body("token_type", equalTo("bearer"))
                .body("refresh_token", equalTo("na1-demo-refresh"))
                .body("hub_id", equalTo(62515))
                .body("expires_in", equalTo(1800))
                .extract().path("access_token");
        given().header("Authorization", "Bearer " + token).when().get("/sandbox/hubspot/crm/v3/pipelines/deals").then().statusCode(200);
    }

    @Test
    void theTokenEndpointRefusesAsHubSpotDoes() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("client_id", "demo-client").formParam("client_secret", "demo").formParam("refresh_token", "na1-revoked")
                .when().post("/sandbox/hubspot/oauth/v1/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("status", equalTo("BAD_REFRESH_TOKEN"))
                .body("message", equalTo("refresh token is invalid, expired or revoked"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("client_id", "demo-client").formParam("client_secret", "wrong").formParam("refresh_token", "na1-demo-refresh")
                .when().post("/sandbox/hubspot/oauth/v1/token")
                .then().statusCode(400).body("status", equalTo("BAD_CLIENT_SECRET"));
    }

    @Test
    void frameworkRefusalsUseHubSpotsEnvelope() {
        given().header("Authorization", "Bearer demo").when().delete("/sandbox/hubspot/crm/v3/objects/deals/1")
                .then().statusCode(405)
                .header("X-HubSpot-Correlation-Id", matchesPattern(UUID))
                .body("status", equalTo("error"))
                .body("category", equalTo("VALIDATION_ERROR"))
                .body("correlationId", matchesPattern(UUID));
        given().header("Authorization", "Bearer demo").when().get("/sandbox/hubspot/crm/v3/nothing/here")
                .then().statusCode(404);
    }
}

package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The token endpoint's flows and errors, token expiry, and the 401 every API call gets without a live token. */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class SalesforceOAuthResourceTest {
    private static final String PRIVATE_KEY_AUDIENCE = "https://login.salesforce.com";

    @Test
    void clientCredentialsAnswersWithTheDocumentedTokenJson() {
        JsonPath token = given().formParam("grant_type", "client_credentials").formParam("client_id", SalesforceSandboxProfile.CLIENT_ID)
                .formParam("client_secret", SalesforceSandboxProfile.CLIENT_SECRET)
                .post(SalesforceApi.TOKEN).then().statusCode(200).contentType("application/json")
                .body("token_type", equalTo("Bearer")).body("scope", equalTo("api"))
                .body("instance_url", matchesPattern("http://localhost:\\d+/sandbox/salesforce"))
                .body("id", matchesPattern("http://localhost:\\d+/sandbox/salesforce/id/00D[a-zA-Z0-9]{15}/005[a-zA-Z0-9]{15}"))
                .body("issued_at", matchesPattern("\\d{13}"))
                .body("access_token", startsWith("00D"))
                .body("$", not(hasKey("refresh_token"))).body("$", not(hasKey("expires_in")))
                .extract().jsonPath();
        long issuedAt = Long.parseLong(token.getString("issued_at"));
        assertThat(issuedAt).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 1000);
        assertThat(token.getString("signature"))
                .isEqualTo(SalesforceOAuthResource.signature(SalesforceSandboxProfile.CLIENT_SECRET, token.getString("id") + token.getString("issued_at")));
        assertThat(token.getMap("$").keySet()).containsExactly("access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at");
    }

    @Test
    void theIdUrlOfATokenDescribesItsUser() {
        JsonPath token = given().formParam("grant_type", "client_credentials").formParam("client_id", SalesforceSandboxProfile.CLIENT_ID)
                .formParam("client_secret", SalesforceSandboxProfile.CLIENT_SECRET).post(SalesforceApi.TOKEN).then().statusCode(200)
                .extract().jsonPath();
        String id = token.getString("id");
        String path = id.substring(id.indexOf("/sandbox/salesforce/id/"));
        SalesforceApi.as(token.getString("access_token")).get(path).then().statusCode(200)
                .body("id", equalTo(id)).body("username", equalTo(SalesforceSandboxProfile.USERNAME))
                .body("user_id", equalTo(id.substring(id.lastIndexOf('/') + 1))).body("urls.rest", startsWith(token.getString("instance_url")));
        given().get(path).then().statusCode(401);
    }

    @Test
    void clientCredentialsAcceptsTheBasicHeader() {
        String basic = Base64.getEncoder().encodeToString((SalesforceSandboxProfile.CLIENT_ID + ":" + SalesforceSandboxProfile.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String token = given().header("Authorization", "Basic " + basic).formParam("grant_type", "client_credentials")
                .post(SalesforceApi.TOKEN).then().statusCode(200).extract().path("access_token");
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits").then().statusCode(200);
    }

    @Test
    void clientCredentialsErrors() {
        given().formParam("grant_type", "client_credentials").formParam("client_id", SalesforceSandboxProfile.CLIENT_ID)
                .formParam("client_secret", "wrong").post(SalesforceApi.TOKEN)
                .then().statusCode(400).body("error", equalTo("invalid_client")).body("error_description", equalTo("invalid client credentials"));
        given().formParam("grant_type", "client_credentials").formParam("client_id", "someone-else")
                .formParam("client_secret", SalesforceSandboxProfile.CLIENT_SECRET).post(SalesforceApi.TOKEN)
                .then().statusCode(400).body("error", equalTo("invalid_client_id")).body("error_description", equalTo("client identifier invalid"));
        given().formParam("grant_type", "password").formParam("client_id", SalesforceSandboxProfile.CLIENT_ID).post(SalesforceApi.TOKEN)
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void jwtBearerWithTheConfiguredKeyGivesATokenWithoutSignatureOrRefreshToken() {
        JsonPath token = jwt(claims(SalesforceSandboxProfile.CLIENT_ID, "\"sub\":\"" + SalesforceSandboxProfile.USERNAME + "\"",
                PRIVATE_KEY_AUDIENCE, exp(120)), TestJwtKeys.privateKey())
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .body("instance_url", matchesPattern("http://localhost:\\d+/sandbox/salesforce"))
                .body("$", not(hasKey("refresh_token"))).extract().jsonPath();
        SalesforceApi.as(token.getString("access_token")).get(SalesforceApi.DATA + "/limits").then().statusCode(200);
    }

    @Test
    void jwtBearerAcceptsPrnAndTheSandboxAsAudience() {
        String audience = given().formParam("grant_type", "client_credentials").formParam("client_id", SalesforceSandboxProfile.CLIENT_ID)
                .formParam("client_secret", SalesforceSandboxProfile.CLIENT_SECRET).post(SalesforceApi.TOKEN).path("instance_url");
        jwt(claims(SalesforceSandboxProfile.CLIENT_ID, "\"sub\":\"nobody@example.com\",\"prn\":\"" + SalesforceSandboxProfile.USERNAME + "\"",
                audience, exp(60)), TestJwtKeys.privateKey()).then().statusCode(200);
    }

    @Test
    void jwtBearerErrors() {
        PrivateKey key = TestJwtKeys.privateKey();
        String sub = "\"sub\":\"" + SalesforceSandboxProfile.USERNAME + "\"";
        jwt(claims("other-client", sub, PRIVATE_KEY_AUDIENCE, exp(60)), key).then().statusCode(400).body("error", equalTo("invalid_client_id"));
        jwt(claims(SalesforceSandboxProfile.CLIENT_ID, sub, "https://example.com", exp(60)), key)
                .then().statusCode(400).body("error", equalTo("invalid_grant")).body("error_description", equalTo("audience is invalid"));
        jwt(claims(SalesforceSandboxProfile.CLIENT_ID, sub, PRIVATE_KEY_AUDIENCE, exp(-200)), key)
                .then().statusCode(400).body("error", equalTo("invalid_grant")).body("error_description", equalTo("expired authorization code"));
        jwt(claims(SalesforceSandboxProfile.CLIENT_ID, sub, PRIVATE_KEY_AUDIENCE, exp(-60)), key).then().statusCode(200);
        jwt(claims(SalesforceSandboxProfile.CLIENT_ID, "\"sub\":\"stranger@example.com\"", PRIVATE_KEY_AUDIENCE, exp(60)), key)
                .then().statusCode(400).body("error", equalTo("invalid_grant")).body("error_description", equalTo("user hasn't approved this consumer"));
        jwt(claims(SalesforceSandboxProfile.CLIENT_ID, sub, PRIVATE_KEY_AUDIENCE, exp(60)), otherKey())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().formParam("grant_type", SalesforceOAuthResource.JWT_BEARER).formParam("assertion", "not.a.jwt").post(SalesforceApi.TOKEN)
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void forceExpiredTokensGet401WithTheErrorArray() {
        String token = SalesforceApi.token();
        SalesforceApi.as(token).get(SalesforceApi.DATA + "/limits").then().statusCode(200);
        given().delete("/sandbox/salesforce/admin/sessions").then().statusCode(204);
        SalesforceApi.as(token).queryParam("q", "SELECT Id FROM Opportunity").get(SalesforceApi.DATA + "/query")
                .then().statusCode(401).contentType("application/json")
                .header("Sforce-Limit-Info", matchesPattern("api-usage=\\d+/\\d+"))
                .body("size()", equalTo(1))
                .body("[0].message", equalTo("Session expired or invalid")).body("[0].errorCode", equalTo("INVALID_SESSION_ID"));
        String fresh = SalesforceApi.token();
        SalesforceApi.as(fresh).get(SalesforceApi.DATA + "/limits").then().statusCode(200);
    }

    @Test
    void callsWithoutATokenGet401() {
        given().get(SalesforceApi.DATA + "/sobjects").then().statusCode(401).body("[0].errorCode", equalTo("INVALID_SESSION_ID"));
        given().header("Authorization", "Bearer made-up").get(SalesforceApi.DATA + "/sobjects").then().statusCode(401);
        given().header("Authorization", "OAuth " + SalesforceApi.token()).get(SalesforceApi.DATA + "/sobjects").then().statusCode(200);
    }

    private static io.restassured.response.Response jwt(String claims, PrivateKey key) {
        return given().formParam("grant_type", SalesforceOAuthResource.JWT_BEARER).formParam("assertion", TestJwtKeys.sign(claims, key))
                .post(SalesforceApi.TOKEN);
    }

    private static String claims(String issuer, String subject, String audience, long exp) {
        return "{\"iss\":\"" + issuer + "\"," + subject + ",\"aud\":\"" + audience + "\",\"exp\":" + exp + "}";
    }

    private static long exp(long secondsFromNow) {
        return System.currentTimeMillis() / 1000 + secondsFromNow;
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

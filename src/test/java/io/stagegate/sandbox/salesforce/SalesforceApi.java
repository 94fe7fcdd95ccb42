package io.stagegate.sandbox.salesforce;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Logging in to the simulated Salesforce and calling it as a client would. */
final class SalesforceApi {
    static final String INSTANCE = "/sandbox/salesforce";
    static final String DATA = INSTANCE + "/services/data/v62.0";
    static final String TOKEN = INSTANCE + "/services/oauth2/token";

    private SalesforceApi() {
    }

    /** A fresh access token from the client-credentials flow. */
    static String token() {
        return given().formParam("grant_type", "client_credentials")
                .formParam("client_id", SalesforceSandboxProfile.CLIENT_ID)
                .formParam("client_secret", SalesforceSandboxProfile.CLIENT_SECRET)
                .post(TOKEN).then().statusCode(200).extract().path("access_token");
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}

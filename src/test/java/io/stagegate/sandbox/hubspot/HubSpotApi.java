package io.stagegate.sandbox.hubspot;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the simulated API with the default private-app token. */
final class HubSpotApi {
    static final String DEALS = "/sandbox/hubspot/crm/v3/objects/deals";
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private HubSpotApi() {
    }

    static RequestSpecification api() {
        return given().header("Authorization", "Bearer demo").contentType(ContentType.JSON);
    }
}

package io.stagegate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With STAGEGATE_CORS_ORIGINS set, the named origin may call the API from a browser, and no other. */
@QuarkusTest
@TestProfile(CorsOriginsTest.OneOrigin.class)
class CorsOriginsTest {
    static final String UI = "https://ui.example";

    public static class OneOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", UI);
        }
    }

    @Test
    void theNamedOriginMayCallWithItsTokenAndNoOtherMay() {
        given().header("Origin", UI).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").when().options("/api/sync/poll").then()
                .header("Access-Control-Allow-Origin", equalTo(UI))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", UI).when().get("/api/sync").then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(UI));
        given().header("Origin", "https://evil.example").when().get("/api/sync").then().header("Access-Control-Allow-Origin", nullValue());
    }
}

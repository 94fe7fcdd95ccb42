package io.stagegate.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone sandbox: the same artifact, serving only /sandbox, with the database switched off. */
@QuarkusTest
@TestProfile(SandboxModeTest.SandboxOnly.class)
class SandboxModeTest {

    public static class SandboxOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stagegate.mode", "sandbox",
                    "quarkus.datasource.active", "false",
                    "quarkus.hibernate-orm.active", "false",
                    "quarkus.flyway.active", "false");
        }
    }

    @Test
    void servesTheSandbox() {
        given().when().get("/sandbox/stats").then().statusCode(200).body("salesforce.calls", equalTo(0));
    }

    @Test
    void refusesEverythingElseSayingWhy() {
        given().contentType("application/json").body("[]").when().post("/api/evaluate")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("sandbox mode"));
        given().when().get("/").then().statusCode(404);
    }

    @Test
    void isHealthyWithoutADatabase() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}

package io.stagegate.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only a viewer token configured: reads need it, and changes still need an admin token, the generated one. */
@QuarkusTest
@TestProfile(ViewerTokenOnlyTest.ViewerOnly.class)
class ViewerTokenOnlyTest {
    static final String VIEWER = "viewer-only-4c8e2a6f1b3d";

    public static class ViewerOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stagegate.auth.viewer-tokens", VIEWER);
        }
    }

    @Inject
    AccessTokens tokens;

    @Test
    void readsAreClosedAndWritesNeedTheGeneratedAdminToken() {
        given().when().get("/api/sync").then().statusCode(401);
        given().header("Authorization", "Bearer " + VIEWER).when().get("/api/sync").then().statusCode(200);
        given().header("Authorization", "Bearer " + VIEWER).when().post("/api/sync/dead-letters/replay").then().statusCode(403);
        String admin = tokens.generatedAdminToken().orElseThrow();
        given().header("Authorization", "Bearer " + admin).when().post("/api/sync/dead-letters/replay").then().statusCode(200);
        given().header("Authorization", "Bearer " + admin).when().get("/api/sync").then().statusCode(200);
    }
}

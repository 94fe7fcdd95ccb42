package io.stagegate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.stagegate.testsupport.Access;
import org.junit.jupiter.api.Test;

/** With no token configured (the laptop demo, and the test profile): reads are open, changes need the generated token. */
@QuarkusTest
class OpenReadsTest {

    @Test
    void readsNeedNoToken() {
        given().when().get("/api/sync").then().statusCode(200);
        given().when().get("/").then().statusCode(200);
        given().contentType("application/json").body("[]").when().post("/api/evaluate").then().statusCode(400)
                .body("detail", containsString("no opportunities")); // past the door: the body is what is wrong
    }

    @Test
    void changesNeedTheGeneratedAdminToken() {
        given().when().post("/api/sync/dead-letters/replay").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer not-the-generated-one-1234").when().post("/api/sync/dead-letters/replay")
                .then().statusCode(401);
        given().header("Authorization", Access.admin()).when().post("/api/sync/dead-letters/replay").then().statusCode(200);
    }
}

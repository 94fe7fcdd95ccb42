package io.stagegate.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application built with the management interface (the build-time switch the test profile flips): the metrics leave
 * the HTTP port for the management port, health stays where the probes look for it.
 */
@QuarkusTest
@TestProfile(ManagementPortTest.BuiltWithManagementInterface.class)
class ManagementPortTest {
    public static class BuiltWithManagementInterface implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true");
        }
    }

    /** Relative to the management root, /q: the URL of /q/metrics on the management port. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;

    @Test
    void metricsAreServedOnTheManagementPortOnly() {
        given().when().get(managementMetrics).then().statusCode(200)
                .body(containsString("stagegate_sync_healthy{crm=\"salesforce\"}")).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void healthStaysOnTheHttpPortForTheProbes() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
    }
}

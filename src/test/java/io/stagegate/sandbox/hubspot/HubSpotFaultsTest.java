package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.FaultSettings;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults, quota and burst limit rendered in HubSpot's shapes (hubspot.md §1, §3, §6). */
@QuarkusTest
class HubSpotFaultsTest {
    @Inject
    SandboxGate gate;

    @Inject
    HubSpotPortal portal;

    @Inject
    HubSpotCalls calls;

    private FaultSettings original;

    @BeforeEach
    void remember() {
        original = gate.settings(SandboxCrm.HUBSPOT);
        gate.reset();
        portal.seed(HubSpotFixtures.deals().stream());
    }

    @AfterEach
    void restore() {
        calls.searchPerSecond(0);
        gate.configure(SandboxCrm.HUBSPOT, original);
        gate.reset();
    }

    private ValidatableResponse withFault(FaultKind kind) {
        gate.configure(SandboxCrm.HUBSPOT, new FaultSettings(0, 0, Map.of(kind, 1.0), 10, 1_000_000, 0, 10_000));
        return api().when().get(DEALS).then().header("X-HubSpot-Correlation-Id", matchesPattern(HubSpotApi.UUID));
    }

    @Test
    void rateLimit() {
        withFault(FaultKind.RATE_LIMIT).statusCode(429)
                .body("status", equalTo("error"))
                .body("message", equalTo("You have reached your ten_secondly_rolling limit."))
                .body("errorType", equalTo("RATE_LIMIT"))
                .body("correlationId", matchesPattern(HubSpotApi.UUID))
                .body("policyName", equalTo("TEN_SECONDLY_ROLLING"))
                .body("groupName", equalTo("publicapi:private_app-api-calls-ten-secondly:62515:1"));
    }

    @Test
    void serverError() {
        withFault(FaultKind.SERVER_ERROR).statusCode(500).body("status", equalTo("error")).body("correlationId", notNullValue())
                .body("category", equalTo("INTERNAL_ERROR"));
    }

    @Test
    void unavailable() {
        withFault(FaultKind.UNAVAILABLE).statusCode(503).body("status", equalTo("error")).body("category", equalTo("SERVICE_UNAVAILABLE"));
    }

    @Test
    void timeout() {
        withFault(FaultKind.TIMEOUT).statusCode(504).body("status", equalTo("error")).body("category", equalTo("GATEWAY_TIMEOUT"));
    }

    @Test
    void lock() {
        withFault(FaultKind.LOCK_ERROR).statusCode(423).body("status", equalTo("error")).body("category", equalTo("LOCKED"));
    }

    @Test
    void expiredSession() {
        withFault(FaultKind.SESSION_EXPIRED).statusCode(401)
                .header("x-hubspot-auth-failure", "401 Unauthorized")
                .body("message", equalTo("The OAuth token used to make this call expired 0 second(s) ago."))
                .body("category", equalTo("EXPIRED_AUTHENTICATION"))
                .body("context", hasKey("expire time"));
    }

    @Test
    void dailyQuota() {
        gate.configure(SandboxCrm.HUBSPOT, new FaultSettings(0, 0, Map.of(), 10, 2, 0, 10_000));
        api().when().get(DEALS).then().statusCode(200).header("X-HubSpot-RateLimit-Daily", "2").header("X-HubSpot-RateLimit-Daily-Remaining", "1");
        api().when().get(DEALS).then().statusCode(200).header("X-HubSpot-RateLimit-Daily-Remaining", "0");
        api().when().get(DEALS).then().statusCode(429)
                .body("message", equalTo("You have reached your daily limit."))
                .body("errorType", equalTo("RATE_LIMIT"))
                .body("policyName", equalTo("DAILY"))
                .body("requestId", notNullValue())
                .body("correlationId", matchesPattern(HubSpotApi.UUID))
                .body("$", not(hasKey("category")));
    }

    @Test
    void burstLimit() {
        gate.configure(SandboxCrm.HUBSPOT, new FaultSettings(0, 0, Map.of(), 10, 1_000_000, 3, 10_000));
        api().when().get(DEALS).then().statusCode(200).header("X-HubSpot-RateLimit-Max", "3").header("X-HubSpot-RateLimit-Remaining", "2")
                .header("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        api().when().get(DEALS).then().statusCode(200).header("X-HubSpot-RateLimit-Remaining", "1");
        api().when().get(DEALS).then().statusCode(200).header("X-HubSpot-RateLimit-Remaining", "0");
        api().when().get(DEALS).then().statusCode(429).body("policyName", equalTo("TEN_SECONDLY_ROLLING"))
                .header("X-HubSpot-RateLimit-Remaining", "0");
    }

    @Test
    void everyCallIsCountedAndRecordsToo() {
        api().queryParam("limit", 4).when().get(DEALS).then().statusCode(200);
        api().body("{}").when().post(DEALS + "/search").then().statusCode(200);
        SandboxGate.Stats stats = gate.stats(SandboxCrm.HUBSPOT);
        org.assertj.core.api.Assertions.assertThat(stats.callsByEndpoint())
                .containsEntry("GET /crm/v3/objects/deals", 1L)
                .containsEntry("POST /crm/v3/objects/deals/search", 1L);
        org.assertj.core.api.Assertions.assertThat(stats.recordsRead()).isEqualTo(14);
    }

    @Test
    void searchHasItsOwnSecondlyLimit() {
        calls.searchPerSecond(2);
        api().body("{}").when().post(DEALS + "/search").then().statusCode(200);
        api().body("{}").when().post(DEALS + "/search").then().statusCode(200);
        api().body("{}").when().post(DEALS + "/search").then().statusCode(429)
                .body("status", equalTo("error"))
                .body("message", equalTo("You have reached your secondly limit."))
                .body("errorType", equalTo("RATE_LIMIT"))
                .body("policyName", equalTo("SECONDLY"))
                .body("correlationId", matchesPattern(HubSpotApi.UUID))
                .header("X-HubSpot-RateLimit-Max", org.hamcrest.Matchers.nullValue());
        api().when().get(DEALS).then().statusCode(200);
    }
}

package io.stagegate.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.stagegate.crm.salesforce.SalesforceGateway;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/backtest} against the embedded Salesforce sandbox: who may do what, one run at a time, a run left by a
 * stopped instance taken up again (computing only the quarters it lacks), and the figures per owner and currency equal
 * to the sandbox's ground truth, which the sandbox computes from its generator alone.
 */
@QuarkusTest
@TestProfile(BacktestApiProfile.class)
class BacktestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    Pool pool;

    @Inject
    BacktestRuns runs;

    @Inject
    SalesforceOrg org;

    @Inject
    SalesforceGateway gateway;

    @BeforeEach
    void noRuns() {
        pool.query("DELETE FROM backtest_run").execute().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void everyDoorNeedsItsRole() {
        given().when().get("/api/backtest").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/backtest/1").then().statusCode(401);
        given().when().post("/api/backtest").then().statusCode(401);
        as(BacktestApiProfile.VIEWER).when().post("/api/backtest").then().statusCode(403);
        as(BacktestApiProfile.VIEWER).when().get("/api/backtest").then().statusCode(200).body("running", equalTo(null));
        as(BacktestApiProfile.VIEWER).when().get("/api/backtest/987654").then().statusCode(404).contentType("application/problem+json");
        as(BacktestApiProfile.ADMIN).queryParam("quarters", "9").when().post("/api/backtest").then().statusCode(400)
                .body("errors[0].parameter", equalTo("quarters"));
        as(BacktestApiProfile.ADMIN).queryParam("top", "x").when().post("/api/backtest").then().statusCode(400)
                .body("errors[0].parameter", equalTo("top"));
    }

    @Test
    void aRunLeftByAStoppedInstanceIsTakenUpAndComputesOnlyTheQuartersItLacks() throws Exception {
        LocalDate oldest = BacktestRuns.closedQuarters(LocalDate.now(), 4).get(0);
        long id = pool.preparedQuery("INSERT INTO backtest_run (crm, quarters, top_deals, state, requested_by, started_at, heartbeat_at, attempts) "
                        + "VALUES ('SALESFORCE', 4, 5, 'running', 'api:test', now() - interval '10 minutes', now() - interval '5 minutes', 1) RETURNING id")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("id");
        pool.preparedQuery("INSERT INTO backtest_quarter (run_id, start_day, figures) VALUES ($1, $2, '{\"quarter\":\"stored before the stop\"}')")
                .execute(Tuple.of(id, oldest)).await().atMost(Duration.ofSeconds(10));

        JsonNode refused = JSON.readTree(as(BacktestApiProfile.ADMIN).when().post("/api/backtest").then().statusCode(409)
                .contentType("application/problem+json").extract().asString());
        assertThat(refused.path("run").path("id").asLong()).isEqualTo(id);

        assertThat(runs.takeUp()).isTrue();

        JsonNode result = JSON.readTree(as(BacktestApiProfile.VIEWER).when().get("/api/backtest/" + id).then().statusCode(200).extract().asString());
        assertThat(result.path("reconstructed").asBoolean()).isTrue();
        assertThat(result.path("run").path("state").asText()).as(result.path("run").toString()).isEqualTo("done");
        assertThat(result.path("run").path("attempts").asInt()).isEqualTo(2);
        assertThat(result.path("run").path("quartersDone").asInt()).isEqualTo(4);
        JsonNode quarters = result.path("quarters");
        assertThat(quarters.get(0).path("quarter").asText()).isEqualTo("stored before the stop");
        JsonNode truth = JSON.readTree(given().queryParam("quarters", 4).get("/sandbox/admin/history/salesforce/quarters").then().statusCode(200)
                .extract().asString());
        for (int i = 1; i < 4; i++) {
            assertMatchesTruth(quarters.get(i), truth);
            for (JsonNode pipeline : quarters.get(i).path("pipelines")) {
                assertThat(pipeline.path("explaining").size()).isLessThanOrEqualTo(5);
            }
        }
    }

    @Test
    void theCrmsQuotaStopPausesARunUntilThereIsRoomAgain() throws Exception {
        String original = given().get("/sandbox/admin/faults/salesforce").then().statusCode(200).extract().asString();
        ObjectNode tiny = (ObjectNode) JSON.readTree(original);
        tiny.put("dailyQuota", 1);
        long id = pool.preparedQuery("INSERT INTO backtest_run (crm, quarters, top_deals, requested_by) VALUES ('SALESFORCE', 1, 3, 'api:test') "
                + "RETURNING id").execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("id");
        try {
            given().contentType("application/json").body(tiny.toString()).put("/sandbox/admin/faults/salesforce").then().statusCode(200);

            assertThat(runs.takeUp()).isTrue();

            JsonNode paused = JSON.readTree(as(BacktestApiProfile.VIEWER).when().get("/api/backtest/" + id).then().statusCode(200).extract().asString())
                    .path("run");
            assertThat(paused.path("state").asText()).as(paused.toString()).isEqualTo("waiting");
            assertThat(paused.path("message").asText()).contains("quota");
            assertThat(Instant.parse(paused.path("retryAt").asText())).isAfter(Instant.now());
            assertThat(runs.takeUp()).as("nobody takes a run up before its retry time").isFalse();
        } finally {
            given().contentType("application/json").body(original).put("/sandbox/admin/faults/salesforce").then().statusCode(200);
            gateway.reset(); // forget the quota reading of the refused call
        }
        pool.preparedQuery("UPDATE backtest_run SET retry_at = now() WHERE id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));

        assertThat(runs.takeUp()).isTrue();

        as(BacktestApiProfile.VIEWER).when().get("/api/backtest/" + id).then().statusCode(200).body("run.state", equalTo("done"))
                .body("run.quartersDone", equalTo(1));
    }

    @Test
    void aStartedRunRunsInTheBackgroundAndAnswersJsonAndCsv() throws Exception {
        String location = as(BacktestApiProfile.ADMIN).queryParam("quarters", "1").queryParam("top", "3").when().post("/api/backtest").then()
                .statusCode(202).body("state", equalTo("queued")).body("quarters", equalTo(1)).extract().header("Location");
        assertThat(location).contains("/api/backtest/");
        String path = "/api/backtest/" + location.substring(location.lastIndexOf('/') + 1);

        JsonNode result = null;
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            result = JSON.readTree(as(BacktestApiProfile.VIEWER).when().get(path).then().statusCode(200).extract().asString());
            if (result.path("run").path("state").asText().matches("done|failed")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(result.path("run").path("state").asText()).as(result.path("run").toString()).isEqualTo("done");
        assertThat(result.path("run").path("calls").asInt()).isPositive();
        assertThat(result.path("run").path("opportunities").asInt()).isPositive();
        JsonNode quarter = result.path("quarters").get(0);
        JsonNode truth = JSON.readTree(given().queryParam("quarters", 1).get("/sandbox/admin/history/salesforce/quarters").then().statusCode(200)
                .extract().asString());
        assertMatchesTruth(quarter, truth);
        JsonNode pipeline = quarter.path("pipelines").get(0);
        assertThat(pipeline.path("explaining").size()).isBetween(1, 3);
        JsonNode total = pipeline.path("total");
        assertThat(total.path("owner").isNull()).isTrue();
        BigDecimal won = total.path("closedWon").decimalValue();
        BigDecimal recorded = total.path("recordedForecast").decimalValue();
        if (won.signum() > 0) {
            assertThat(total.path("recordedAccuracy").path("error").decimalValue())
                    .isEqualByComparingTo(recorded.subtract(won).divide(won, 4, java.math.RoundingMode.HALF_EVEN));
        }

        as(BacktestApiProfile.VIEWER).queryParam("format", "csv").when().get(path).then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("quarter,pipeline,currency,owner,recorded_forecast,qualified_forecast,closed_won"))
                .body(containsString(quarter.path("quarter").asText() + ","));
        as(BacktestApiProfile.VIEWER).when().get("/api/backtest").then().statusCode(200).body("running", equalTo(null))
                .body("items[0].state", equalTo("done"));
    }

    /** Sums the quarter's owner figures over the pipelines, per owner and currency, and compares them with the ground truth's. */
    private void assertMatchesTruth(JsonNode quarter, JsonNode truth) {
        Map<String, BigDecimal[]> mine = new TreeMap<>();
        for (JsonNode pipeline : quarter.path("pipelines")) {
            for (JsonNode owner : pipeline.path("owners")) {
                BigDecimal[] sums = mine.computeIfAbsent(owner.path("owner").asText() + "|" + pipeline.path("currency").asText(),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(owner.path("recordedForecast").decimalValue());
                sums[1] = sums[1].add(owner.path("qualifiedForecast").decimalValue());
                sums[2] = sums[2].add(owner.path("closedWon").decimalValue());
            }
        }
        Map<String, BigDecimal[]> expected = new TreeMap<>();
        for (JsonNode owner : truth) {
            if (owner.path("start").asText().equals(quarter.path("start").asText())) {
                String userId = org.userIdOfRep(owner.path("ownerId").asText()).orElseThrow();
                expected.put(userId + "|" + owner.path("currency").asText(), new BigDecimal[] {owner.path("recordedForecast").decimalValue(),
                        owner.path("qualifiedForecast").decimalValue(), owner.path("closedWon").decimalValue()});
            }
        }
        assertThat(expected).as("ground truth of " + quarter.path("start").asText()).isNotEmpty();
        assertThat(mine.keySet()).as(quarter.path("quarter").asText()).isEqualTo(expected.keySet());
        expected.forEach((key, figures) -> {
            for (int i = 0; i < 3; i++) {
                assertThat(mine.get(key)[i]).as("%s %s figure %d", quarter.path("quarter").asText(), key, i).isEqualByComparingTo(figures[i]);
            }
        });
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}

package io.stagegate.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stagegate.forecast.Accuracy;
import io.stagegate.security.WebSessions;
import io.stagegate.sync.BacktestStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backtest, accuracy and audit pages over HTTP: what each role sees, the backtest form's roles, CSRF and refusals. */
@QuarkusTest
@TestProfile(WebUiProfile.class)
class ReportPagesTest {
    @Inject
    Pool pool;

    @Inject
    BacktestStore store;

    @BeforeEach
    void syncedWithoutRuns() {
        SyncedSandbox.ensure();
        pool.query("DELETE FROM backtest_run").execute().await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aViewerReadsTheAccuracyAndTheAuditTrail() {
        String viewer = WebPagesTest.signIn(WebUiProfile.VIEWER);
        assertThat(page(viewer, "/ui/accuracy?by=month")).contains("<table id=\"accuracy\"", "<option value=\"month\" selected>",
                "/api/forecast/accuracy?format=csv&by=month");
        assertThat(page(viewer, "/")).contains("href=\"/ui/accuracy\"", "href=\"/ui/backtest\"", "href=\"/ui/audit\"");
        String audit = page(viewer, "/ui/audit?action=playbook");
        assertThat(audit).contains("<table id=\"audit\"", "playbook.activated", "/api/audit?format=csv&amp;action=playbook")
                .doesNotContain("Nothing recorded");
        assertThat(page(viewer, "/ui/audit?action=no-such-action")).contains("Nothing recorded in the selection");
        assertThat(page(viewer, "/ui/audit?period=2026-Q9")).contains("class=\"warning\" role=\"alert\">The period &quot;2026-Q9&quot; is not a period");
        given().redirects().follow(false).accept("text/html").when().get("/ui/audit").then().statusCode(303);
        given().when().get("/ui/accuracy").then().statusCode(401);
    }

    @Test
    void theAccuracyPageShowsAClosedQuartersSnapshotAgainstWhatClosedWon() {
        // a snapshot of a quarter long closed, when the sandbox won nothing: the forecast missed completely, leaning high
        pool.query("INSERT INTO forecast_snapshot (day, crm, pipeline, owner, currency, open_count, over_staged_count, amount, recorded_forecast, "
                + "qualified_forecast, won_amount, close_month) VALUES ('2020-01-01', 'SALESFORCE', 'ui-test', 'ui-test-owner', 'EUR', 2, 1, 2000, "
                + "1000, 400, 0, '2020-02')").execute().await().atMost(Duration.ofSeconds(10));
        try {
            String viewer = WebPagesTest.signIn(WebUiProfile.VIEWER);
            String html = page(viewer, "/ui/accuracy?period=2020&pipeline=ui-test");
            assertThat(html).contains("<tr class=\"total\"><td>2020-Q1</td><td>2020-01-01</td><td><strong>All owners</strong></td><td>EUR</td>",
                    "<td>ui-test-owner</td><td>EUR</td>\n    <td class=\"num\">0</td><td class=\"num\">1,000</td><td class=\"num\">0.0 %</td>"
                            + "<td class=\"num\">over, nothing won</td>\n    <td class=\"num\">400</td>");
            given().header("Authorization", "Bearer " + WebUiProfile.VIEWER).queryParam("period", "2020").queryParam("pipeline", "ui-test")
                    .when().get("/api/forecast/accuracy").then().statusCode(200)
                    .body("items.find { it.owner == 'ui-test-owner' }.recorded.bias", org.hamcrest.Matchers.equalTo("over"));
        } finally {
            pool.query("DELETE FROM forecast_snapshot WHERE pipeline = 'ui-test'").execute().await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void aViewerSeesNoStartFormAndCannotStartABacktest() {
        String viewer = WebPagesTest.signIn(WebUiProfile.VIEWER);
        String html = page(viewer, "/ui/backtest");
        assertThat(html).contains("No backtest has run yet").doesNotContain("id=\"start-form\"", "/ui/backtest/start");
        given().cookie(WebSessions.COOKIE, viewer).contentType("application/x-www-form-urlencoded").formParam("csrf", WebPagesTest.csrfOf(html))
                .formParam("quarters", "1").when().post("/ui/backtest/start").then().statusCode(403);
        assertThat(store.recent(5)).isEmpty();
    }

    @Test
    void anAdminFormWithoutTheSessionsCsrfTokenStartsNothing() {
        String admin = WebPagesTest.signIn(WebUiProfile.ADMIN);
        assertThat(page(admin, "/ui/backtest")).contains("id=\"start-form\"");
        String other = WebPagesTest.csrfOf(page(WebPagesTest.signIn(WebUiProfile.ADMIN), "/ui/backtest"));
        for (String csrf : new String[] {null, other}) {
            var request = given().cookie(WebSessions.COOKIE, admin).contentType("application/x-www-form-urlencoded").formParam("quarters", "1");
            if (csrf != null) {
                request.formParam("csrf", csrf);
            }
            request.when().post("/ui/backtest/start").then().statusCode(403);
        }
        assertThat(store.recent(5)).isEmpty();
    }

    @Test
    void anAdminIsToldWhenABacktestIsRunningAndWhenTheInputIsOutOfBounds() {
        long waiting = pool.query("INSERT INTO backtest_run (crm, quarters, top_deals, state, requested_by, retry_at, attempts, message) VALUES "
                + "('SALESFORCE', 2, 5, 'waiting', 'api:test', now() + interval '1 hour', 1, 'paused at the CRM quota stop: test') RETURNING id")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("id");
        String admin = WebPagesTest.signIn(WebUiProfile.ADMIN);
        String html = page(admin, "/ui/backtest");
        assertThat(html).contains("id=\"run-state\" class=\"warning\">waiting", "paused at the CRM quota stop: test",
                "No backtest has finished yet");
        String csrf = WebPagesTest.csrfOf(html);
        form(admin, csrf, "2", "5").then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("A backtest is running: backtest " + waiting + " is waiting"));
        form(admin, csrf, "9", "5").then().statusCode(400).body(containsString("Nothing started: quarters must be 1-8"));
        form(admin, csrf, "x", "5").then().statusCode(400).body(containsString("Quarters must be a whole number, not &quot;x&quot;"));
        assertThat(store.recent(5)).hasSize(1);
    }

    @Test
    void anAdminStartsABacktestAndReadsItsFiguresAsTheApiHasThem() throws Exception {
        String admin = WebPagesTest.signIn(WebUiProfile.ADMIN);
        Response started = form(admin, WebPagesTest.csrfOf(page(admin, "/ui/backtest")), "1", "3");
        assertThat(started.statusCode()).isEqualTo(303);
        long id = Long.parseLong(started.header("Location").replaceAll(".*started=", ""));
        assertThat(page(admin, "/ui/backtest?started=" + id)).contains("Backtest " + id + " was queued");
        Instant deadline = Instant.now().plusSeconds(120);
        while (!store.run(id).orElseThrow().finished() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(store.run(id).orElseThrow().state()).as(store.run(id).toString()).isEqualTo("done");

        JsonPath api = given().header("Authorization", "Bearer " + WebUiProfile.VIEWER).when().get("/api/backtest/" + id).then().statusCode(200)
                .extract().jsonPath();
        String html = page(WebPagesTest.signIn(WebUiProfile.VIEWER), "/ui/backtest");
        assertThat(html).contains("Figures of run " + id, "<svg", "rect class=\"won\"", "class=\"backtest-quarters\"", "the deals that explain the miss")
                .doesNotContain("id=\"start-form\"");
        BigDecimal recorded = new BigDecimal(api.getString("quarters[0].pipelines[0].total.recordedForecast"));
        BigDecimal won = new BigDecimal(api.getString("quarters[0].pipelines[0].total.closedWon"));
        Accuracy accuracy = Accuracy.of(recorded, won);
        assertThat(html).contains("<th scope=\"row\">" + api.getString("quarters[0].quarter") + "</th><td class=\"num\">" + Money.of(recorded) + "</td>",
                "<td class=\"num\">" + Ratio.percent(accuracy.accuracy()) + "</td><td class=\"num\">" + Ratio.error(accuracy) + "</td>",
                api.getString("quarters[0].pipelines[0].explaining[0].id"));

        pool.preparedQuery("INSERT INTO backtest_run (crm, quarters, top_deals, state, requested_by, finished_at, message) VALUES "
                + "('SALESFORCE', 1, 3, 'failed', 'api:test', now(), $1)").execute(Tuple.of("the history read failed: test"))
                .await().atMost(Duration.ofSeconds(10));
        given().cookie(WebSessions.COOKIE, admin).when().get("/ui/backtest").then().statusCode(200)
                .body(containsString("id=\"run-state\" class=\"error\">failed"), containsString("the history read failed: test"),
                        containsString("Figures of run " + id), not(containsString("No backtest has finished yet")));
    }

    private static Response form(String cookie, String csrf, String quarters, String top) {
        return given().redirects().follow(false).cookie(WebSessions.COOKIE, cookie).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("quarters", quarters).formParam("top", top).when().post("/ui/backtest/start");
    }

    private static String page(String cookie, String path) {
        return given().cookie(WebSessions.COOKIE, cookie).when().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
    }
}

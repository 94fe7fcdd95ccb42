package io.stagegate.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sync's surfaces (status API, one opportunity, health, metrics), and its logs, which never carry a secret. */
@QuarkusTest
@TestProfile(SyncSandboxProfile.class)
class SyncApiTest {
    private static final Pattern SALESFORCE_TOKEN = Pattern.compile("00D[A-Za-z0-9]{12}!AQ[A-Za-z0-9._]{20,}");

    @Inject
    SyncEngine engine;

    @Inject
    SyncStore store;

    /** Through the store: a test injecting the pool directly would make it start even where the datasource is off. */
    Pool pool;

    @org.junit.jupiter.api.BeforeEach
    void pool() {
        pool = store.pool();
    }

    @Test
    void statusOpportunityHealthAndMetricsShowTheSync() {
        SyncTables.clear(pool);
        engine.pollCycle(Crm.SALESFORCE);
        engine.relay(Crm.SALESFORCE, true);

        given().when().get("/api/sync").then().statusCode(200)
                .body("active", equalTo(true))
                .body("crm", equalTo("SALESFORCE"))
                .body("writeBack", equalTo("on"))
                .body("pollLeader", equalTo(true))
                .body("opportunities.known", equalTo(SyncSandboxProfile.SIZE))
                .body("opportunities.over_staged", greaterThan(0))
                .body("queues.'outbox.pending'", equalTo(0))
                .body("cursors.poll.lastId", notNullValue())
                .body("forecast.currency", hasItem("EUR"));

        String id = pool.query("SELECT opportunity_id FROM stage_transition WHERE skipped_criteria_flag LIMIT 1").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getString("opportunity_id");
        given().when().get("/api/opportunities/salesforce/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("evaluation.qualified.key", notNullValue())
                .body("moves.skippedCriteria.flatten().key", notNullValue())
                .body("writes[0].status", equalTo("WRITTEN"));
        given().when().get("/api/opportunities/salesforce/006000000000000AAA").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("006000000000000AAA"));
        given().when().get("/api/opportunities/pipedrive/1").then().statusCode(404).body("detail", containsString("pipedrive"));

        given().when().get("/").then().statusCode(200).body(containsString("Live sync: the embedded Salesforce sandbox"))
                .body(containsString(SyncSandboxProfile.SIZE + "</strong> opportunities synced"));

        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("stagegate-sync"));
        given().when().get("/q/health/group/crm").then().statusCode(200).body("checks[0].data.crm", equalTo("SALESFORCE"));
        engine.status(Crm.SALESFORCE); // metrics refresh on their own schedule; the counters are live
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("stagegate_sync_records_processed_total{crm=\"salesforce\"}"))
                .body(containsString("stagegate_sync_queue_depth{crm=\"salesforce\",queue=\"outbox.dead\"}"));
    }

    @Test
    void tokensAndSecretsNeverReachTheLogs() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null && message != null) {
                    try {
                        message = String.format(message, record.getParameters());
                    } catch (RuntimeException notAFormat) {
                        message = message + " " + java.util.Arrays.toString(record.getParameters());
                    }
                }
                lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            SyncTables.clear(pool);
            // a login with a wrong secret first (its error must not echo the secret), then the whole loop at DEBUG
            given().formParam("grant_type", "client_credentials").formParam("client_id", "demo").formParam("client_secret", "wrong-" + SyncSandboxProfile.CLIENT_SECRET)
                    .when().post("/sandbox/salesforce/services/oauth2/token").then().statusCode(400);
            engine.pollCycle(Crm.SALESFORCE);
            engine.relay(Crm.SALESFORCE, true);
            given().when().get("/api/sync").then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(lines).as("the sync logged at DEBUG").anyMatch(line -> line.contains("SALESFORCE"));
        for (String line : lines) {
            assertThat(line).doesNotContain(SyncSandboxProfile.CLIENT_SECRET);
            Matcher token = SALESFORCE_TOKEN.matcher(line);
            assertThat(token.find()).as("a Salesforce access token in: %s", line).isFalse();
            assertThat(line.toLowerCase(java.util.Locale.ROOT)).doesNotContain("bearer 00d");
        }
    }
}

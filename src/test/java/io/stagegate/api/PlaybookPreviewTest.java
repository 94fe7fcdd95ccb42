package io.stagegate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.stagegate.config.PlaybookFollower;
import io.stagegate.criteria.Crm;
import io.stagegate.persistence.PlaybookText;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.persistence.PlaybookVersions;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import io.stagegate.sync.SyncEngine;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The preview's figures against an independent computation: the candidate is activated and the sync re-reads every
 * opportunity from the CRM and re-evaluates it, and what it stores must be what the preview said, computed earlier from
 * the stored inputs without a CRM call. Also: an activation made by another instance reaches this one's sync without a
 * restart.
 */
@QuarkusTest
@TestProfile(PlaybookApiProfile.class)
class PlaybookPreviewTest {
    @Inject
    SyncEngine engine;

    @Inject
    ActivePlaybook active;

    @Inject
    PlaybookFollower follower;

    @Inject
    PlaybookVersions versions;

    @Inject
    Pool pool;

    @AfterEach
    void shippedAgain() {
        PlaybookFixtures.restoreShipped();
        syncUntilEvaluatedWith(active.current().sha256());
    }

    @Test
    void thePreviewIsWhatTheSyncStoresOnceTheCandidateIsActive() {
        syncUntilEvaluatedWith(active.current().sha256());
        Map<String, BigDecimal[]> storedBefore = rollups();
        Map<String, String> qualifiedBefore = qualifiedStages();
        long callsBefore = sandboxCalls();

        String candidate = PlaybookFixtures.stricter();
        long started = System.nanoTime();
        JsonPath impact = PlaybookApiTest.admin().body(PlaybookApiTest.candidate(candidate, null)).when().post("/api/playbook/preview").then()
                .statusCode(200).body("crm", equalTo("SALESFORCE")).body("truncated", equalTo(false)).extract().jsonPath();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(sandboxCalls()).as("the preview calls no CRM").isEqualTo(callsBefore);
        assertThat(impact.getInt("evaluated")).isEqualTo(qualifiedBefore.size());
        long again = System.nanoTime();
        PlaybookApiTest.admin().body(PlaybookApiTest.candidate(candidate, null)).when().post("/api/playbook/preview").then().statusCode(200);
        System.out.printf("preview of %d opportunities took %d ms, %d ms the second time%n", impact.getInt("evaluated"), millis,
                (System.nanoTime() - again) / 1_000_000);

        // before: the active playbook over the stored inputs gives what the sync stored with it
        for (Map<String, Object> rollup : impact.<Map<String, Object>>getList("rollups")) {
            BigDecimal[] stored = storedBefore.get(rollup.get("pipeline") + "/" + rollup.get("currency"));
            assertThat(stored).as("stored rollup %s", rollup).isNotNull();
            assertThat(new BigDecimal(rollup.get("openBefore").toString())).isEqualByComparingTo(stored[0]);
            assertThat(new BigDecimal(rollup.get("recordedBefore").toString())).isEqualByComparingTo(stored[1]);
            assertThat(new BigDecimal(rollup.get("qualifiedBefore").toString())).isEqualByComparingTo(stored[2]);
        }

        PlaybookApiTest.admin().body(PlaybookApiTest.candidate(candidate, "preview test")).when().post("/api/playbook/activate").then().statusCode(201);
        syncUntilEvaluatedWith(LoadedPlaybook.load("test", candidate).sha256());

        Map<String, BigDecimal[]> storedAfter = rollups();
        assertThat(impact.getList("rollups")).hasSize(storedAfter.size());
        BigDecimal qualifiedMoved = BigDecimal.ZERO;
        for (Map<String, Object> rollup : impact.<Map<String, Object>>getList("rollups")) {
            BigDecimal[] stored = storedAfter.get(rollup.get("pipeline") + "/" + rollup.get("currency"));
            assertThat(new BigDecimal(rollup.get("openAfter").toString())).isEqualByComparingTo(stored[0]);
            assertThat(new BigDecimal(rollup.get("recordedAfter").toString())).isEqualByComparingTo(stored[1]);
            assertThat(new BigDecimal(rollup.get("qualifiedAfter").toString())).isEqualByComparingTo(stored[2]);
            qualifiedMoved = qualifiedMoved.add(new BigDecimal(rollup.get("qualifiedChange").toString()).abs());
        }
        Map<String, String> qualifiedAfter = qualifiedStages();
        int changed = 0;
        for (Map.Entry<String, String> entry : qualifiedBefore.entrySet()) {
            changed += entry.getValue().equals(qualifiedAfter.get(entry.getKey())) ? 0 : 1;
        }
        assertThat(impact.getInt("changedQualifiedStage")).isEqualTo(changed).isGreaterThan(0);
        assertThat(qualifiedMoved).isPositive();
        assertThat(impact.getList("examples")).hasSize(Math.min(changed, 50));
    }

    @Test
    void anotherInstancesActivationReachesThisInstancesSyncWithoutARestart() {
        syncUntilEvaluatedWith(active.current().sha256());
        LoadedPlaybook candidate = LoadedPlaybook.load("test",
                PlaybookFixtures.variant("{ value: Qualification, probability: 10 }", "{ value: Qualification, probability: 15 }"));
        // what another replica's activation leaves behind: a new newest row, nothing in this JVM
        versions.activate(new PlaybookText(candidate.playbook().name(), Crm.SALESFORCE, "api", candidate.yaml(), candidate.sha256()),
                "api:other-replica", PlaybookVersion.ACTIVATE, "activated elsewhere", null).await().atMost(PlaybookFixtures.WAIT);
        assertThat(follower.follow()).isTrue();
        assertThat(active.current().sha256()).isEqualTo(candidate.sha256());
        assertThat(follower.follow()).isFalse();

        syncUntilEvaluatedWith(candidate.sha256());
        long requested = pool.query("SELECT count(*) AS n FROM audit_log WHERE action = 'sweep.requested' AND detail->>'sha256' = '"
                + candidate.sha256() + "'").execute().await().atMost(PlaybookFixtures.WAIT).iterator().next().getLong("n");
        assertThat(requested).as("the sweep that follows a playbook change").isEqualTo(1);
    }

    @Test
    void aVersionThisInstanceCannotLoadLeavesItOnTheOneItRuns() {
        String running = active.current().sha256();
        // a row written by hand, or by a newer release whose playbook format this one does not read
        pool.query("INSERT INTO playbook_version (name, crm, source, sha256, content, activated_by) VALUES ('hand-made', 'SALESFORCE', 'psql', '"
                + "2".repeat(64) + "', 'pipelines: []', 'dba')").execute().await().atMost(PlaybookFixtures.WAIT);
        assertThat(follower.follow()).isFalse();
        assertThat(follower.follow()).as("not loaded again on every check").isFalse();
        assertThat(active.current().sha256()).isEqualTo(running);
        engine.pollCycle(Crm.SALESFORCE);
        assertThat(engine.status(Crm.SALESFORCE).lastError()).isNull();
    }

    /** Poll cycles until every stored opportunity was evaluated with {@code sha256} and no sweep runs. */
    private void syncUntilEvaluatedWith(String sha256) {
        for (int cycle = 0; cycle < 100; cycle++) {
            engine.pollCycle(Crm.SALESFORCE);
            Row row = pool.query("SELECT count(*) FILTER (WHERE playbook_sha256 <> '" + sha256 + "') AS other, count(*) AS n, "
                    + "(SELECT count(*) FROM sync_cursor WHERE kind = 'sweep' AND until_at IS NOT NULL) AS sweeping FROM opportunity_state")
                    .execute().await().atMost(PlaybookFixtures.WAIT).iterator().next();
            if (row.getLong("n") > 0 && row.getLong("other") == 0 && row.getLong("sweeping") == 0) {
                return;
            }
        }
        throw new AssertionError("the sync did not re-evaluate every opportunity with " + sha256);
    }

    /** From the sync's own rows: open count, recorded and qualified forecast per pipeline/currency. */
    private Map<String, BigDecimal[]> rollups() {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (Row row : pool.query("SELECT pipeline, currency, count(*) AS n, sum(recorded_forecast) AS r, sum(qualified_forecast) AS q "
                + "FROM opportunity_state WHERE status = 'OPEN' GROUP BY pipeline, currency").execute().await().atMost(PlaybookFixtures.WAIT)) {
            sums.put(row.getString("pipeline") + "/" + row.getString("currency"),
                    new BigDecimal[] {BigDecimal.valueOf(row.getLong("n")), row.getBigDecimal("r"), row.getBigDecimal("q")});
        }
        return sums;
    }

    /** The qualified CRM stage (or status) of every stored opportunity, as the sync evaluated it. */
    private Map<String, String> qualifiedStages() {
        Map<String, String> stages = new HashMap<>();
        for (Row row : pool.query("SELECT opportunity_id, status, evaluation->'qualified'->>'crmStage' AS q FROM opportunity_state "
                + "WHERE status <> 'DELETED'").execute().await().atMost(PlaybookFixtures.WAIT)) {
            stages.put(row.getString("opportunity_id"), "OPEN".equals(row.getString("status")) ? row.getString("q") : row.getString("status"));
        }
        return stages;
    }

    private static long sandboxCalls() {
        Object calls = RestAssured.given().when().get("/sandbox/stats").then().statusCode(200).extract().path("salesforce.calls");
        return Long.parseLong(calls.toString());
    }
}

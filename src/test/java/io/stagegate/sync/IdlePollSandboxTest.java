package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §7, "idle org: one query per poll, nothing re-processed" (issue 12), against the embedded sandbox, whose
 * connector polls with a 10 s overlap and a 2 s lag ({@code EmbeddedSalesforceSource}).
 */
@QuarkusTest
@TestProfile(SyncSandboxProfile.class)
class IdlePollSandboxTest {
    private static final int IDLE_POLLS = 4;
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    @Inject
    SyncEngine engine;

    @Inject
    SalesforceOrg org;

    @Inject
    SandboxGate gate;

    @Inject
    SyncStore store;

    @Inject
    ActivePlaybook playbook;

    /**
     * Leaves the qualified fields empty, as the seed has them: a test of this profile that runs next in the same
     * application (SyncApiTest) expects its backfill to write them. After the lag, so that its first poll reads them.
     */
    @AfterEach
    void clearQualifiedFields() {
        Map<String, Object> cleared = new HashMap<>();
        new RecordProcessor(playbook.evaluator(), WriteScope.ALL).outputNames().forEach(field -> cleared.put(field, null));
        for (String id : org.opportunityIds()) {
            org.update(id, cleared, org.integrationUserId());
        }
        awaitLag();
    }

    @Test
    void idlePollsCostOneQueryEachAndReprocessNothingWhileALateCommitIsStillCaught() {
        Pool pool = store.pool();
        SyncTables.clear(pool);
        awaitLag(); // records written by an earlier test in the last seconds
        engine.pollCycle(Crm.SALESFORCE); // the backfill
        engine.relay(Crm.SALESFORCE, true);
        awaitLag();
        engine.pollCycle(Crm.SALESFORCE); // reads our own writes back

        // one change, followed (and its new forecast written back and read back)
        String changed = org.opportunityIds().get(1);
        org.update(changed, Map.of("Amount", new BigDecimal("123457")), org.integrationUserId());
        awaitLag();
        engine.pollCycle(Crm.SALESFORCE);
        engine.relay(Crm.SALESFORCE, true);
        awaitLag();
        engine.pollCycle(Crm.SALESFORCE);

        // idle, still within the overlap of the last change: the overlap is re-read, but nothing is processed again
        long processed = engine.status(Crm.SALESFORCE).recordsProcessed();
        gate.reset();
        for (int i = 0; i < IDLE_POLLS; i++) {
            assertThat(engine.pollCycle(Crm.SALESFORCE)).isTrue();
        }
        SandboxGate.Stats withinOverlap = gate.stats(SandboxCrm.SALESFORCE);
        long reprocessed = engine.status(Crm.SALESFORCE).recordsProcessed() - processed;
        System.out.printf("%d idle polls within the overlap: %d calls %s, %d records read, %d re-processed%n", IDLE_POLLS, withinOverlap.calls(),
                withinOverlap.callsByEndpoint(), withinOverlap.recordsRead(), reprocessed);
        assertThat(withinOverlap.calls()).as("one query per idle poll").isEqualTo(IDLE_POLLS);
        assertThat(withinOverlap.callsByEndpoint()).containsOnlyKeys("GET /queryAll");
        assertThat(reprocessed).as("records re-processed by idle polls").isZero();

        // once the overlap has passed since the last change, an idle poll's query reads no record at all
        sleep(OVERLAP.plusMillis(500));
        engine.pollCycle(Crm.SALESFORCE);
        processed = engine.status(Crm.SALESFORCE).recordsProcessed();
        gate.reset();
        for (int i = 0; i < IDLE_POLLS; i++) {
            engine.pollCycle(Crm.SALESFORCE);
        }
        SandboxGate.Stats settled = gate.stats(SandboxCrm.SALESFORCE);
        reprocessed = engine.status(Crm.SALESFORCE).recordsProcessed() - processed;
        System.out.printf("%d idle polls after the overlap: %d calls %s, %d records read, %d re-processed%n", IDLE_POLLS, settled.calls(),
                settled.callsByEndpoint(), settled.recordsRead(), reprocessed);
        assertThat(settled.calls()).as("one query per idle poll").isEqualTo(IDLE_POLLS);
        assertThat(settled.recordsRead()).as("records the idle polls' queries returned").isZero();
        assertThat(reprocessed).isZero();

        // a record stamped inside the overlap, before the last poll's upper bound, but committed after that poll
        String late = org.opportunityIds().get(2);
        Instant stamp = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        org.lateCommit(late, Map.of("Amount", new BigDecimal("765433")), org.integrationUserId(), stamp);
        processed = engine.status(Crm.SALESFORCE).recordsProcessed();
        awaitLag();
        engine.pollCycle(Crm.SALESFORCE);
        assertThat(engine.status(Crm.SALESFORCE).recordsProcessed() - processed).as("only the late commit is processed").isEqualTo(1);
        Instant seen = pool.preparedQuery("SELECT modified_at FROM opportunity_state WHERE crm = 'SALESFORCE' AND opportunity_id = $1")
                .execute(Tuple.of(late)).await().atMost(Duration.ofSeconds(10)).iterator().next().getOffsetDateTime("modified_at").toInstant();
        assertThat(seen).as("the late commit's version was processed").isEqualTo(stamp);
    }

    private static void awaitLag() {
        sleep(2_100);
    }

    private static void sleep(Duration duration) {
        sleep(duration.toMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

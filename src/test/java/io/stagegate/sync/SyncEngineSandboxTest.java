package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.salesforce.SalesforceGateway;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.FaultSettings;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.stagegate.sandbox.SandboxOrgRunner;
import io.stagegate.sandbox.SalesforceScenarioTarget;
import io.stagegate.sandbox.salesforce.OpportunityChange;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.stagegate.criteria.OutputField;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole loop against the embedded Salesforce sandbox: backfill, write-back, changes by reps, replays. */
@QuarkusTest
@TestProfile(SyncSandboxProfile.class)
class SyncEngineSandboxTest {
    @Inject
    SyncEngine engine;

    @Inject
    SalesforceGateway gateway;

    @Inject
    ActivePlaybook playbook;

    @Inject
    SalesforceOrg org;

    @Inject
    SandboxGate gate;

    @Inject
    SandboxOrgRunner runner;

    @Inject
    SalesforceScenarioTarget scenario;

    @Inject
    SyncStore store;

    /** Through the store: a test injecting the pool directly would make it start even where the datasource is off. */
    Pool pool;

    /** Writes by Stagegate per opportunity, and those that changed none of the output fields (duplicates). */
    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    final AtomicInteger noOpWrites = new AtomicInteger();
    Consumer<OpportunityChange> listener;

    @BeforeEach
    void watchWrites() {
        pool = store.pool();
        SyncTables.clear(pool);
        List<String> outputs = List.copyOf(new RecordProcessor(playbook.evaluator(), WriteScope.ALL).outputNames());
        listener = change -> {
            if ("stagegate".equals(change.client())) {
                writes.computeIfAbsent(change.opportunityId(), id -> new AtomicInteger()).incrementAndGet();
                if (change.values().keySet().stream().noneMatch(field -> outputs.stream().anyMatch(field::equalsIgnoreCase))) {
                    noOpWrites.incrementAndGet();
                }
            }
        };
        org.addChangeListener(listener);
    }

    @AfterEach
    void stopWatching() {
        org.removeChangeListener(listener);
        gate.configure(SandboxCrm.SALESFORCE, withRates(gate.settings(SandboxCrm.SALESFORCE), Map.of()));
    }

    @Test
    void backfillWritesEveryQualifiedFieldOnceAndChangesByRepsAreFollowed() {
        clearQualifiedFields(); // other tests of this profile may have synced the sandbox already
        gate.reset();
        assertThat(engine.pollCycle(Crm.SALESFORCE)).as("the only instance leads polling").isTrue();
        assertThat(engine.status(Crm.SALESFORCE).setupProblems()).isEmpty();
        int written = engine.relay(Crm.SALESFORCE, true);
        SandboxGate.Stats backfill = gate.stats(SandboxCrm.SALESFORCE);

        List<CrmOpportunity> all = SandboxTruth.readAll(gateway, playbook.evaluator());
        assertThat(all).hasSize(SyncSandboxProfile.SIZE);
        assertThat(SandboxTruth.mismatches(all, playbook.evaluator())).isEmpty();
        assertThat(written).isPositive().isEqualTo(writes.size());
        assertThat(writes.values()).allMatch(count -> count.get() == 1);
        assertThat(noOpWrites).hasValue(0);
        long minimum = 1 + ceil(SyncSandboxProfile.SIZE, 2000) + ceil(written, 200);
        long setup = backfill.callsByEndpoint().getOrDefault("GET /sobjects/{type}/describe", 0L) + 1; // describe + the OpportunityStage check
        long syncCalls = backfill.calls() - setup;
        System.out.printf("backfill of %d opportunities, %d written back: %d Salesforce calls %s = %d for the sync + %d setup checks; "
                + "minimum (token + pages + batches) %d; ratio %.3f%n", SyncSandboxProfile.SIZE, written, backfill.calls(), backfill.callsByEndpoint(),
                syncCalls, setup, minimum, (double) syncCalls / minimum);
        assertThat((double) syncCalls).as("API calls of the sync against the minimum the API allows").isLessThanOrEqualTo(1.05 * minimum);

        // our own writes bump SystemModstamp: the next poll reads them back and writes nothing
        assertThat(engine.pollCycle(Crm.SALESFORCE)).isTrue();
        assertThat(engine.relay(Crm.SALESFORCE, true)).isZero();

        // reps act; the next cycle follows them
        int acted = 0;
        for (int i = 0; i < 6; i++) {
            acted += runner.tick();
        }
        assertThat(acted).isPositive();
        awaitLag();
        engine.pollCycle(Crm.SALESFORCE);
        engine.relay(Crm.SALESFORCE, true);
        // a contact role added does not touch the opportunity's SystemModstamp: the reconciliation sweep catches those
        engine.requestSweep(Crm.SALESFORCE, "test");
        engine.pollCycle(Crm.SALESFORCE);
        assertThat(engine.status(Crm.SALESFORCE).sweeping()).as("the sweep read everything in one cycle").isFalse();
        engine.relay(Crm.SALESFORCE, true);
        List<CrmOpportunity> after = SandboxTruth.readAll(gateway, playbook.evaluator());
        Set<String> frozen = Set.of(playbook.current().playbook().outputField(OutputField.STAGE_SKIP),
                playbook.current().playbook().outputField(OutputField.SKIPPED_CRITERIA_DETAIL));
        assertThat(SandboxTruth.mismatches(after, playbook.evaluator(), frozen)).isEmpty();
        assertThat(SyncTables.differFromDecisions(pool, after)).as("every record holds what the engine decided").isEmpty();
        assertThat(noOpWrites).hasValue(0);
    }

    @Test
    void replayingEverythingChangesNothing() {
        awaitLag(); // records written by an earlier test in the last seconds are read by the first cycle too
        engine.pollCycle(Crm.SALESFORCE);
        engine.relay(Crm.SALESFORCE, true);
        int before = writes.values().stream().mapToInt(AtomicInteger::get).sum();
        String state = SyncTables.fingerprint(pool);

        // forget the cursor: the next cycle re-reads every page
        pool.query("DELETE FROM sync_cursor").execute().await().atMost(Duration.ofSeconds(10));
        engine.pollCycle(Crm.SALESFORCE);
        assertThat(engine.relay(Crm.SALESFORCE, true)).isZero();

        assertThat(writes.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(before);
        assertThat(SyncTables.fingerprint(pool)).isEqualTo(state);
    }

    @Test
    void aFifthOfAllCallsFailingStillEndsRightWithNoDuplicateWrite() {
        gate.configure(SandboxCrm.SALESFORCE, withRates(gate.settings(SandboxCrm.SALESFORCE), Map.of(FaultKind.SERVER_ERROR, 0.06, FaultKind.RATE_LIMIT, 0.04,
                FaultKind.LOCK_ERROR, 0.04, FaultKind.SESSION_EXPIRED, 0.03, FaultKind.UNAVAILABLE, 0.03)));
        for (int round = 0; round < 200; round++) {
            engine.pollCycle(Crm.SALESFORCE);
            engine.relay(Crm.SALESFORCE, true);
            if (engine.status(Crm.SALESFORCE).syncedUpTo() != null && SyncTables.outboxOpen(pool) == 0) {
                break;
            }
            sleep(30);
        }
        gate.configure(SandboxCrm.SALESFORCE, withRates(gate.settings(SandboxCrm.SALESFORCE), Map.of()));
        assertThat(SyncTables.outboxOpen(pool)).isZero();
        assertThat(SandboxTruth.mismatches(SandboxTruth.readAll(gateway, playbook.evaluator()), playbook.evaluator())).isEmpty();
        assertThat(noOpWrites).hasValue(0);
        assertThat(writes.values()).allMatch(count -> count.get() == 1);
    }

    @Test
    void aPushedEventIsWorkedOffWithoutWaitingForThePoll() {
        awaitLag();
        engine.pollCycle(Crm.SALESFORCE);
        engine.relay(Crm.SALESFORCE, true);
        // the amount of one record changes; Salesforce pushes its id (as the push intake stores it)
        String id = org.opportunityIds().get(0);
        org.update(id, Map.of("Amount", new java.math.BigDecimal("987654")), org.integrationUserId());
        pool.query("INSERT INTO inbox (crm, source, dedupe_key, record_ids, payload) VALUES ('SALESFORCE', 'test', 'test:1', ARRAY['" + id
                + "'], '{}')").execute().await().atMost(Duration.ofSeconds(10));

        engine.workRound(Crm.SALESFORCE);
        engine.relay(Crm.SALESFORCE, true);

        assertThat(pool.query("SELECT status FROM inbox WHERE dedupe_key = 'test:1'").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("status")).isEqualTo("DONE");
        List<CrmOpportunity> one = gateway.read(playbook.current().playbook(), List.of(id));
        assertThat(SandboxTruth.mismatches(one, playbook.evaluator())).isEmpty();
        assertThat(writes.get(id)).as("the new forecast amount was written").isNotNull();
    }

    @Test
    void nearTheDailyQuotaTheSyncParksAndLosesNothing() {
        clearQualifiedFields();
        gate.reset();
        FaultSettings normal = gate.settings(SandboxCrm.SALESFORCE);
        // 10 calls a day: the connector stops at 80 % (STAGEGATE_SALESFORCE_QUOTA_STOP_SHARE), in the middle of the write-back
        gate.configure(SandboxCrm.SALESFORCE, new FaultSettings(normal.latencyMs(), normal.jitterMs(), Map.of(), normal.timeoutMs(), 10,
                normal.burstLimit(), normal.burstWindowMs()));
        try {
            for (int i = 0; i < 5; i++) {
                engine.pollCycle(Crm.SALESFORCE);
                engine.workRound(Crm.SALESFORCE);
            }
            CrmSyncStatus status = engine.status(Crm.SALESFORCE);
            assertThat(status.parkedUntil()).as("parked until the quota recovers").isAfter(java.time.Instant.now());
            assertThat(gate.stats(SandboxCrm.SALESFORCE).refused()).as("stopped before the CRM refused a call").isZero();
            long stuck = pool.query("SELECT count(*) AS n FROM outbox WHERE status IN ('SENDING', 'DEAD')").execute().await()
                    .atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
            assertThat(stuck).as("nothing dead-lettered or left in flight: what could not be written waits").isZero();
        } finally {
            gate.configure(SandboxCrm.SALESFORCE, normal);
            gate.reset();
            gateway.reset(); // forget the quota reading, as after an admin raised the limit
            engine.status(Crm.SALESFORCE).parkedUntil = null;
        }
    }

    /** As an admin clearing the qualified fields: every record needs a write again. */
    private void clearQualifiedFields() {
        Map<String, Object> cleared = new java.util.HashMap<>();
        new RecordProcessor(playbook.evaluator(), WriteScope.ALL).outputNames().forEach(field -> cleared.put(field, null));
        for (String id : org.opportunityIds()) {
            org.update(id, cleared, org.integrationUserId());
        }
        awaitLag();
    }

    static FaultSettings withRates(FaultSettings settings, Map<FaultKind, Double> rates) {
        return new FaultSettings(settings.latencyMs(), settings.jitterMs(), rates, settings.timeoutMs(), settings.dailyQuota(), settings.burstLimit(),
                settings.burstWindowMs());
    }

    private void awaitLag() {
        sleep(2_100);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long ceil(long n, long size) {
        return (n + size - 1) / size;
    }
}

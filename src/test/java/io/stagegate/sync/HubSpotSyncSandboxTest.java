package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.OutputField;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.SyncCursor;
import io.stagegate.crm.hubspot.HubSpotGateway;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.FaultSettings;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.stagegate.sandbox.SandboxOrgRunner;
import io.stagegate.sandbox.hubspot.ChangeSource;
import io.stagegate.sandbox.hubspot.DealChange;
import io.stagegate.sandbox.hubspot.DealChangeListener;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole loop against the embedded HubSpot sandbox, chosen by the playbook alone (STAGEGATE_PLAYBOOK_CRM=hubspot):
 * backfill, write-back, reps acting, and the final portal state equal to a fresh evaluation with no duplicate write.
 */
@QuarkusTest
@TestProfile(HubSpotSyncSandboxProfile.class)
class HubSpotSyncSandboxTest {
    @Inject
    SyncEngine engine;

    @Inject
    HubSpotGateway gateway;

    @Inject
    ActivePlaybook playbook;

    @Inject
    HubSpotPortal portal;

    @Inject
    SandboxGate gate;

    @Inject
    SandboxOrgRunner runner;

    @Inject
    SyncStore store;

    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    final AtomicInteger noOpWrites = new AtomicInteger();
    DealChangeListener listener;

    @BeforeEach
    void watchWrites() {
        SyncTables.clear(store.pool());
        Set<String> outputs = Set.copyOf(new RecordProcessor(playbook.evaluator(), WriteScope.ALL).outputNames());
        String app = String.valueOf(portal.appId());
        listener = change -> {
            if (change.kind() == DealChange.Kind.UPDATED && ChangeSource.INTEGRATION.equals(change.source().sourceType())
                    && app.equals(change.source().sourceId())) {
                writes.computeIfAbsent(change.dealId(), id -> new AtomicInteger()).incrementAndGet();
                if (change.changes().stream().noneMatch(property -> outputs.contains(property.name()))) {
                    noOpWrites.incrementAndGet();
                }
            }
        };
        portal.addListener(listener);
    }

    @AfterEach
    void stopWatching() {
        portal.removeListener(listener);
    }

    @Test
    void theHubSpotPlaybookAloneSyncsTheEmbeddedPortalEndToEnd() {
        assertThat(engine.activeCrm()).as(engine.idleReason()).isEqualTo(Crm.HUBSPOT);
        assertThat(engine.targetDescription()).isEqualTo("the embedded HubSpot sandbox");
        clearQualifiedFields();
        gate.reset();
        assertThat(engine.pollCycle(Crm.HUBSPOT)).as("the only instance leads polling").isTrue();
        assertThat(engine.status(Crm.HUBSPOT).setupProblems()).isEmpty();
        int written = engine.relay(Crm.HUBSPOT, true);
        SandboxGate.Stats backfill = gate.stats(SandboxCrm.HUBSPOT);

        List<CrmOpportunity> all = SandboxTruth.readAll(gateway, playbook.evaluator());
        assertThat(all).hasSize(HubSpotSyncSandboxProfile.SIZE);
        assertThat(all).as("stage history read with every deal").anyMatch(record -> record.history().size() > 1);
        assertThat(SandboxTruth.mismatches(all, playbook.evaluator())).isEmpty();
        assertThat(written).isPositive().isEqualTo(writes.size());
        assertThat(writes.values()).allMatch(count -> count.get() == 1);
        assertThat(noOpWrites).hasValue(0);
        SandboxGate.ClientWrites counted = backfill.writesByClient().get("stagegate");
        assertThat(counted).as("the portal tells Stagegate's writes apart by its User-Agent: %s", backfill.writesByClient()).isNotNull();
        assertThat(counted.records()).isEqualTo(writes.size());
        assertThat(counted.unchanged()).as("duplicate writes, as the portal counts them").isZero();

        Map<String, Long> byEndpoint = backfill.callsByEndpoint();
        long searches = byEndpoint.getOrDefault("POST /crm/v3/objects/deals/search", 0L);
        long reads = byEndpoint.getOrDefault("POST /crm/v3/objects/deals/batch/read", 0L);
        long updates = byEndpoint.getOrDefault("POST /crm/v3/objects/deals/batch/update", 0L);
        long syncCalls = searches + reads + updates;
        long setup = backfill.calls() - syncCalls;
        int size = HubSpotSyncSandboxProfile.SIZE;
        // search pages of 200, batch reads of 50 (the most propertiesWithHistory allows), batch updates of 100
        long minimum = ceil(size, 200) + ceil(size, 50) + ceil(written, 100);
        System.out.printf("HubSpot backfill of %d deals, %d written back: %d calls %s = %d for the sync + %d setup checks; minimum "
                + "(search pages + history reads + update batches) %d; ratio %.3f%n", size, written, backfill.calls(), byEndpoint, syncCalls, setup,
                minimum, (double) syncCalls / minimum);
        assertThat((double) syncCalls).as("API calls of the sync against the minimum the API allows").isLessThanOrEqualTo(1.05 * minimum);

        // our own writes bump hs_lastmodifieddate: the next poll reads them back and writes nothing
        awaitLag();
        assertThat(engine.pollCycle(Crm.HUBSPOT)).isTrue();
        assertThat(engine.relay(Crm.HUBSPOT, true)).isZero();

        // reps act; the next cycle follows them
        int acted = 0;
        for (int i = 0; i < 6; i++) {
            acted += runner.tick();
        }
        assertThat(acted).isPositive();
        awaitLag();
        engine.pollCycle(Crm.HUBSPOT);
        engine.relay(Crm.HUBSPOT, true);
        List<CrmOpportunity> after = SandboxTruth.readAll(gateway, playbook.evaluator());
        Set<String> frozen = Set.of(playbook.current().playbook().outputField(OutputField.STAGE_SKIP),
                playbook.current().playbook().outputField(OutputField.SKIPPED_CRITERIA_DETAIL));
        assertThat(SandboxTruth.mismatches(after, playbook.evaluator(), frozen)).isEmpty();
        assertThat(noOpWrites).hasValue(0);
    }

    @Test
    void aFifthOfAllCallsFailingStillEndsRightWithNoDuplicateWrite() {
        clearQualifiedFields();
        gate.reset();
        FaultSettings normal = gate.settings(SandboxCrm.HUBSPOT);
        // 500s, 503s, 423 locks and ten-secondly 429s; a 401 is no transient fault for a private app's token
        gate.configure(SandboxCrm.HUBSPOT, SyncEngineSandboxTest.withRates(normal, Map.of(FaultKind.SERVER_ERROR, 0.08, FaultKind.UNAVAILABLE, 0.05,
                FaultKind.LOCK_ERROR, 0.04, FaultKind.RATE_LIMIT, 0.03)));
        try {
            for (int round = 0; round < 100; round++) {
                engine.pollCycle(Crm.HUBSPOT);
                engine.relay(Crm.HUBSPOT, true);
                if (engine.status(Crm.HUBSPOT).syncedUpTo() != null && SyncTables.outboxOpen(store.pool()) == 0 && !writes.isEmpty()) {
                    break;
                }
                sleep(30);
            }
            SandboxGate.Stats stats = gate.stats(SandboxCrm.HUBSPOT);
            System.out.printf("HubSpot sync under faults: %d calls, faults injected %s%n", stats.calls(), stats.faultsInjected());
            assertThat(stats.faultsInjected()).as("faults were injected").isNotEmpty();
        } finally {
            gate.configure(SandboxCrm.HUBSPOT, normal);
        }
        assertThat(SyncTables.outboxOpen(store.pool())).isZero();
        assertThat(SandboxTruth.mismatches(SandboxTruth.readAll(gateway, playbook.evaluator()), playbook.evaluator())).isEmpty();
        assertThat(writes).hasSize(HubSpotSyncSandboxProfile.SIZE);
        assertThat(writes.values()).allMatch(count -> count.get() == 1);
        assertThat(noOpWrites).hasValue(0);
    }

    @Test
    void aBurstLimitSharedWithAnotherIntegrationSlowsTheSyncWhichFinishesWithNothingDeadLettered() throws InterruptedException {
        clearQualifiedFields();
        gate.reset();
        FaultSettings normal = gate.settings(SandboxCrm.HUBSPOT);
        // HubSpot's ten-secondly limit, scaled down: 12 calls per second for the app, which another integration also uses
        int limit = 12;
        gate.configure(SandboxCrm.HUBSPOT, new FaultSettings(normal.latencyMs(), normal.jitterMs(), normal.rates(), normal.timeoutMs(),
                normal.dailyQuota(), limit, 1_000));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger competitorCalls = new AtomicInteger();
        Thread competitor = new Thread(() -> {
            while (running.get()) {
                io.restassured.RestAssured.given().header("Authorization", "Bearer demo").get("/sandbox/hubspot/crm/v3/pipelines/deals");
                competitorCalls.incrementAndGet();
                sleep(150);
            }
        }, "other-integration");
        long started = System.nanoTime();
        int rounds = 0;
        try {
            competitor.start();
            for (; rounds < 60; rounds++) {
                engine.pollCycle(Crm.HUBSPOT);
                engine.relay(Crm.HUBSPOT, true);
                if (engine.status(Crm.HUBSPOT).syncedUpTo() != null && SyncTables.outboxOpen(store.pool()) == 0 && !writes.isEmpty()) {
                    break;
                }
            }
        } finally {
            running.set(false);
            competitor.join(5_000);
            gate.configure(SandboxCrm.HUBSPOT, normal);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SandboxGate.Stats stats = gate.stats(SandboxCrm.HUBSPOT);
        long syncCalls = stats.calls() - competitorCalls.get();
        long limited = stats.faultsInjected().getOrDefault(FaultKind.RATE_LIMIT.name(), 0L);
        System.out.printf("HubSpot sync under a burst limit of %d calls/s shared with another integration: %d sync calls and %d of the other's "
                + "in %d ms (%d poll rounds), %d answered 429 TEN_SECONDLY_ROLLING%n", limit, syncCalls, competitorCalls.get(), took.toMillis(),
                rounds + 1, limited);
        assertThat(competitorCalls).as("the other integration spent part of every window").hasValueGreaterThan(0);
        assertThat(count("SELECT count(*) AS n FROM outbox WHERE crm = 'HUBSPOT' AND status = 'DEAD'")).as("nothing dead-lettered").isZero();
        assertThat(SyncTables.outboxOpen(store.pool())).isZero();
        assertThat(engine.status(Crm.HUBSPOT).syncedUpTo()).isNotNull();
        assertThat(SandboxTruth.mismatches(SandboxTruth.readAll(gateway, playbook.evaluator()), playbook.evaluator())).isEmpty();
        assertThat(writes).hasSize(HubSpotSyncSandboxProfile.SIZE);
        assertThat(writes.values()).allMatch(count -> count.get() == 1);
    }

    @Test
    void theSavedCursorMovesForwardOnlyInTheOrderOfNumericIds() {
        Instant at = Instant.parse("2026-12-03T17:05:35.000Z");
        saveCursor(new SyncCursor(at, "9999999999"));
        saveCursor(new SyncCursor(at, "10000000001"));
        assertThat(savedCursor()).as("a longer id is a larger number: forward").isEqualTo(new SyncCursor(at, "10000000001"));
        saveCursor(new SyncCursor(at, "9999999999"));
        assertThat(savedCursor()).as("back to a smaller id: refused").isEqualTo(new SyncCursor(at, "10000000001"));
        saveCursor(new SyncCursor(at.plusMillis(1), "1"));
        assertThat(savedCursor()).isEqualTo(new SyncCursor(at.plusMillis(1), "1"));
    }

    private void saveCursor(SyncCursor cursor) {
        store.pool().withTransaction(conn -> SyncStore.saveCursor(conn, Crm.HUBSPOT, "poll", cursor)).await().atMost(Duration.ofSeconds(10));
    }

    private SyncCursor savedCursor() {
        return store.cursor(Crm.HUBSPOT, "poll").await().atMost(Duration.ofSeconds(10)).cursor();
    }

    private long count(String sql) {
        return store.pool().query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    @Test
    void aPushedEventIsReadByIdAndWorkedOffWithoutWaitingForThePoll() {
        awaitLag();
        engine.pollCycle(Crm.HUBSPOT);
        engine.relay(Crm.HUBSPOT, true);
        String forecast = playbook.current().playbook().outputField(OutputField.QUALIFIED_FORECAST_AMOUNT);
        // a deal whose qualified forecast counts its amount, so a new amount changes what Stagegate writes
        String id = portal.liveDeals().filter(deal -> {
            String held = deal.properties().get(forecast);
            return held != null && !held.isEmpty() && new java.math.BigDecimal(held).signum() > 0;
        }).findFirst().orElseThrow().id();
        portal.update(id, Map.of("amount", "987654.321"), ChangeSource.workflow("push-test"));
        store.pool().query("INSERT INTO inbox (crm, source, dedupe_key, record_ids, payload) VALUES ('HUBSPOT', 'test', 'hs-test:1', ARRAY['" + id
                + "'], '{}')").execute().await().atMost(java.time.Duration.ofSeconds(10));

        engine.workRound(Crm.HUBSPOT);
        engine.relay(Crm.HUBSPOT, true);

        assertThat(store.pool().query("SELECT status FROM inbox WHERE dedupe_key = 'hs-test:1'").execute().await()
                .atMost(java.time.Duration.ofSeconds(10)).iterator().next().getString("status")).isEqualTo("DONE");
        List<CrmOpportunity> one = gateway.read(playbook.current().playbook(), List.of(id));
        assertThat(one.get(0).amount()).isEqualByComparingTo("987654.321");
        assertThat(SandboxTruth.mismatches(one, playbook.evaluator())).isEmpty();
        assertThat(writes.get(id)).as("the new forecast amount was written").isNotNull();
    }

    @Test
    void theBootstrapFindsEverythingInPlaceAndCreatesNothing() {
        assertThat(gateway.bootstrap(playbook.current().playbook(), true)).isEmpty();
        assertThat(gateway.bootstrap(playbook.current().playbook(), true)).isEmpty();
    }

    /** As an admin clearing the qualified fields: every deal needs a write again. */
    private void clearQualifiedFields() {
        Map<String, String> cleared = new HashMap<>();
        new RecordProcessor(playbook.evaluator(), WriteScope.ALL).outputNames().forEach(field -> cleared.put(field, ""));
        ChangeSource admin = ChangeSource.workflow("clear");
        portal.liveDeals().toList().forEach(deal -> portal.update(deal.id(), cleared, admin));
        awaitLag();
    }

    private static long ceil(long count, long per) {
        return (count + per - 1) / per;
    }

    private static void awaitLag() {
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
}

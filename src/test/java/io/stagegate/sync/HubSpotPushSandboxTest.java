package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.OutputField;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.hubspot.HubSpotGateway;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.stagegate.sandbox.hubspot.ChangeSource;
import io.stagegate.sandbox.hubspot.DealChange;
import io.stagegate.sandbox.hubspot.DealChangeListener;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with signed webhooks: the simulated portal signs (v3) and POSTs its deal changes to
 * {@code /webhooks/hubspot}; the inbox worker, on its own schedule, reads the changed deals in batches and the relay
 * writes the outputs back. Stagegate's own writes come back as events too, and are recognised and dropped: the counts
 * of calls and of inbox rows prove that nothing loops, and a rep's change is written back long before the next poll.
 */
@QuarkusTest
@TestProfile(HubSpotPushSandboxProfile.class)
class HubSpotPushSandboxTest {
    private static final String SEARCH = "POST /crm/v3/objects/deals/search";
    private static final String READ = "POST /crm/v3/objects/deals/batch/read";
    private static final String UPDATE = "POST /crm/v3/objects/deals/batch/update";
    /** The default poll interval (stagegate.sync.poll-interval): a change pushed must be written back sooner. */
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
    private static final int BULK = 150;

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
    SyncStore store;

    @Inject
    Scheduler scheduler;

    @Inject
    MeterRegistry registry;

    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    DealChangeListener listener;

    @AfterEach
    void stop() {
        scheduler.pause();
        portal.removeListener(listener);
    }

    @Test
    void pushedChangesAreWrittenBackBeforeThePollAndOwnWritesDoNotLoop() {
        SyncTables.clear(store.pool());
        String app = String.valueOf(portal.appId());
        listener = change -> {
            if (change.kind() == DealChange.Kind.UPDATED && ChangeSource.INTEGRATION.equals(change.source().sourceType())
                    && app.equals(change.source().sourceId())) {
                writes.computeIfAbsent(change.dealId(), id -> new AtomicInteger()).incrementAndGet();
            }
        };
        portal.addListener(listener);
        gate.reset();
        scheduler.resume();

        // the backfill, by the scheduled poll and relay; every write-back comes back as signed webhook events
        await("the backfill is written back", Duration.ofSeconds(90), () -> engine.status(Crm.HUBSPOT).syncedUpTo() != null
                && SyncTables.outboxOpen(store.pool()) == 0 && !writes.isEmpty());
        int backfilled = writes.size();
        await("the echoes of " + backfilled + " write-backs are delivered", Duration.ofSeconds(30), () -> received("ignored") >= backfilled);
        Map<String, Long> afterBackfill = settledCalls();
        assertThat(received("unauthenticated")).as("every webhook's v3 signature checked out").isZero();
        assertThat(received("accepted")).as("no event of Stagegate's own writes became an inbox row").isZero();
        assertThat(inboxRows()).isZero();
        assertThat(afterBackfill.getOrDefault(READ, 0L)).as("deals read once, by the poll: echoes cause no read").isEqualTo(ceil(HubSpotPushSandboxProfile.SIZE, 50));
        assertThat(writes.values()).allMatch(count -> count.get() == 1);

        // a rep changes one deal's amount in HubSpot: the webhook brings it, the worker reads it, the relay writes it back
        String forecast = playbook.current().playbook().outputField(OutputField.QUALIFIED_FORECAST_AMOUNT);
        List<String> counted = portal.liveDeals().filter(deal -> {
            String held = deal.properties().get(forecast);
            return held != null && !held.isEmpty() && new BigDecimal(held).signum() > 0;
        }).map(deal -> deal.id()).limit(BULK + 1).toList();
        assertThat(counted).hasSize(BULK + 1);
        String one = counted.get(0);
        long echoesBefore = received("ignored");
        int writtenBefore = writesTo(one);
        long started = System.nanoTime();
        portal.update(one, Map.of("amount", "987654.32"), ChangeSource.user("28604240"));
        await("the rep's change is written back", DEFAULT_POLL_INTERVAL, () -> writesTo(one) == writtenBefore + 1);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Long> afterOne = settledCalls();
        System.out.printf("HubSpot push: a rep's change written back %d ms after it was made (the default poll interval is %d s)%n",
                latency.toMillis(), DEFAULT_POLL_INTERVAL.toSeconds());
        assertThat(delta(afterBackfill, afterOne, SEARCH)).as("no poll ran: the change came by push").isZero();
        assertThat(delta(afterBackfill, afterOne, READ)).as("one batch read for the pushed deal").isEqualTo(1);
        assertThat(delta(afterBackfill, afterOne, UPDATE)).as("one batch update").isEqualTo(1);
        assertThat(inboxRows()).as("the rep's change, and not the echo of Stagegate's write").isEqualTo(1);
        assertThat(received("ignored") - echoesBefore).as("the write-back's echo was delivered and dropped").isPositive();
        assertRight(List.of(one));
        Map<String, Long> beforeBulk = settledCalls();

        // a workflow changes many deals at once: HubSpot sends them in batches of up to 100 events, the worker reads in batches
        List<String> bulk = counted.subList(1, counted.size());
        Map<String, Integer> bulkBefore = new java.util.HashMap<>();
        bulk.forEach(id -> bulkBefore.put(id, writesTo(id)));
        long acceptedBefore = received("accepted");
        ChangeSource workflow = ChangeSource.workflow("bulk-amounts");
        for (int i = 0; i < bulk.size(); i++) {
            portal.update(bulk.get(i), Map.of("amount", String.valueOf(50_000 + i)), workflow);
        }
        await("the workflow's changes are written back", Duration.ofSeconds(30), () -> bulk.stream().allMatch(id -> writesTo(id) == bulkBefore.get(id) + 1));
        Map<String, Long> afterBulk = settledCalls();
        long reads = delta(beforeBulk, afterBulk, READ);
        long updates = delta(beforeBulk, afterBulk, UPDATE);
        System.out.printf("HubSpot push: %d deals changed by a workflow, read back with %d batch reads (minimum %d) and written with %d batch "
                + "updates (minimum %d)%n", BULK, reads, ceil(BULK, 50), updates, ceil(BULK, 100));
        assertThat(received("accepted") - acceptedBefore).as("one inbox row per pushed change").isEqualTo(BULK);
        assertThat(delta(beforeBulk, afterBulk, SEARCH)).isZero();
        assertThat(reads).as("read in batches, not one call per event").isBetween(ceil(BULK, 50), ceil(BULK, 50) + 3);
        assertThat(updates).isBetween(ceil(BULK, 100), ceil(BULK, 100) + 3);
        assertThat(inboxRows()).isEqualTo(1 + BULK);
        assertThat(bulk).allSatisfy(id -> assertThat(writesTo(id)).as("writes of %s", id).isEqualTo(bulkBefore.get(id) + 1));
        assertThat(writes.values()).allMatch(count -> count.get() <= 2);
        assertRight(bulk);

        // and then nothing: no echo, no re-evaluation, no call
        Map<String, Long> quiet = settledCalls();
        sleep(2_000);
        assertThat(gate.stats(SandboxCrm.HUBSPOT).callsByEndpoint()).as("quiet after the last write").isEqualTo(quiet);
        assertThat(pendingInbox()).isZero();
    }

    private int writesTo(String id) {
        AtomicInteger count = writes.get(id);
        return count == null ? 0 : count.get();
    }

    private void assertRight(List<String> ids) {
        List<CrmOpportunity> records = gateway.read(playbook.current().playbook(), ids);
        assertThat(records).hasSize(ids.size());
        assertThat(SandboxTruth.mismatches(records, playbook.evaluator())).isEmpty();
    }

    /** The portal's call counts once nothing has changed for a second (pending echoes delivered, the work loop idle). */
    private Map<String, Long> settledCalls() {
        Map<String, Long> last = gate.stats(SandboxCrm.HUBSPOT).callsByEndpoint();
        for (int i = 0; i < 40; i++) {
            sleep(1_000);
            Map<String, Long> now = gate.stats(SandboxCrm.HUBSPOT).callsByEndpoint();
            if (now.equals(last) && pendingInbox() == 0 && SyncTables.outboxOpen(store.pool()) == 0) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the calls never settled: " + last);
    }

    private long received(String outcome) {
        Counter counter = registry.find("stagegate.inbox.received").tags("crm", "hubspot", "source", "webhook", "outcome", outcome).counter();
        return counter == null ? 0 : Math.round(counter.count());
    }

    private long inboxRows() {
        return count("SELECT count(*) AS n FROM inbox WHERE crm = 'HUBSPOT'");
    }

    private long pendingInbox() {
        return count("SELECT count(*) AS n FROM inbox WHERE crm = 'HUBSPOT' AND status <> 'DONE'");
    }

    private long count(String sql) {
        return store.pool().query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String endpoint) {
        return after.getOrDefault(endpoint, 0L) - before.getOrDefault(endpoint, 0L);
    }

    private static long ceil(long count, long per) {
        return (count + per - 1) / per;
    }

    private static void await(String what, Duration limit, BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            sleep(25);
        }
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

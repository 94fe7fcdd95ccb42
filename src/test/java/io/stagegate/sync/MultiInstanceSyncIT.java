package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.testsupport.PackagedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Scale-out (issue 5, item 4): three packaged instances on one PostgreSQL sync one sandbox org while reps act and a
 * fifth of the Salesforce calls fail. Beside them, on the same seed and the same rep actions, one instance alone. In the
 * end: one poller at a time, every record holds what the engine decides, no duplicate write, and the same CRM state as
 * the single instance.
 */
class MultiInstanceSyncIT {
    private static final int SIZE = 2_000;
    private static final int ROUNDS = 8;
    private static final String FAULTS = "SERVER_ERROR=0.06,RATE_LIMIT=0.05,LOCK_ERROR=0.05,SESSION_EXPIRED=0.02,UNAVAILABLE=0.02";
    /**
     * Small pages and claims: more calls (so more of them fail) and relay work spread over the instances; a long lease,
     * since no instance dies here.
     */
    private static final Map<String, String> SERVICE = Map.of("STAGEGATE_SALESFORCE_PAGE_SIZE", "200", "STAGEGATE_SYNC_RELAY_BATCH", "200",
            "STAGEGATE_SYNC_LEASE", "60s");

    @Test
    void threeInstancesPollOneAtATimeWriteNothingTwiceAndEndLikeOne() {
        long started = System.nanoTime();
        CompletableFuture<SyncRig> startingThree = CompletableFuture.supplyAsync(() -> SyncRig.start(settings("scale-three", 3)));
        CompletableFuture<SyncRig> startingOne = CompletableFuture.supplyAsync(() -> SyncRig.start(settings("scale-one", 1)));
        try {
            SyncRig three = startingThree.join();
            SyncRig one = startingOne.join();
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            int actions = 0;
            Duration drainThree;
            Duration drainOne;
            SyncRig.LeaderWatch leaders;
            try (SyncRig.LeaderWatch watch = three.new LeaderWatch()) {
                leaders = watch;
                for (int round = 0; round < ROUNDS; round++) {
                    int acted = three.sandbox.tick();
                    assertThat(one.sandbox.tick()).as("the same seed lets the reps act alike in both orgs").isEqualTo(acted);
                    actions += acted;
                    PackagedApp.sleep(2_000);
                }
                three.sandbox.faultRates(Map.of());
                one.sandbox.faultRates(Map.of());
                drainThree = three.awaitDrained(Duration.ofMinutes(3));
                drainOne = one.awaitDrained(Duration.ofMinutes(3));
            }
            long judging = System.nanoTime();
            SyncRig.Verdict verdict = three.awaitVerdict();
            SyncRig.Verdict alone = one.awaitVerdict();
            Duration judged = Duration.ofNanos(System.nanoTime() - judging);

            System.out.printf("%nMultiInstanceSyncIT: %,d opportunities, %d rounds of rep actions (%d changes in each sandbox's two CRMs), faults %s; "
                    + "startup of both rigs %.1f s%n",
                    SIZE, ROUNDS, actions, FAULTS, startup.toMillis() / 1000.0);
            print("three instances", three, verdict);
            print("one instance", one, alone);
            System.out.printf("  drained %.1f s (three instances) and %.1f s (one) after the reps stopped and the faults went off%n",
                    drainThree.toMillis() / 1000.0, drainOne.toMillis() / 1000.0);
            System.out.printf("  poll lock holders seen in %d samples: %s; written rows by relay: %s%n", leaders.samples(), leaders.holders(),
                    three.writesByInstance());

            assertThat(verdict.problems()).as("three instances: CRM state vs the engine's decisions and a fresh evaluation").isEmpty();
            assertThat(alone.problems()).as("one instance").isEmpty();
            assertThat(verdict.records()).isEqualTo(SIZE);
            assertThat(verdict.unchangedWrites()).as("duplicate writes by three instances").isZero();
            assertThat(alone.unchangedWrites()).as("duplicate writes by one instance").isZero();

            List<String> leaderLogs = new ArrayList<>();
            for (PackagedApp service : three.services) {
                service.logLines().stream().filter(line -> line.contains("now leads SALESFORCE polling")).forEach(line -> leaderLogs.add(service.name()));
                assertThat(service.countLog("Lost the SALESFORCE poll leadership")).isZero();
            }
            assertThat(leaderLogs).as("exactly one instance ever took the poll leadership").hasSize(1);
            List<String> caughtUp = new ArrayList<>();
            for (PackagedApp service : three.services) {
                if (service.countLog("sync caught up") > 0) {
                    caughtUp.add(service.name());
                }
            }
            assertThat(caughtUp).as("only the poll leader can tell that the sync caught up, and it says so once").containsExactlyElementsOf(leaderLogs);
            assertThat(leaders.holders()).as("the poll lock had one holder all along, the instance that logged it")
                    .containsExactly(leaderLogs.get(0).replace("-service-", "-"));
            assertThat(three.writesByInstance()).as("the relay work spread over the instances (SKIP LOCKED)").hasSizeGreaterThan(1);

            List<String> different = new ArrayList<>();
            int frozenDiffer = 0;
            for (Map.Entry<String, Map<String, Object>> record : verdict.outputs().entrySet()) {
                Map<String, Object> single = Objects.requireNonNull(alone.outputs().get(record.getKey()), record.getKey());
                Map<String, Object> comparable = new LinkedHashMap<>(record.getValue());
                comparable.keySet().removeAll(SyncRig.FROZEN);
                if (!OutputValues.same(comparable, single)) {
                    different.add(record.getKey() + ": " + record.getValue() + " vs " + single);
                } else if (!OutputValues.same(record.getValue(), single)) {
                    frozenDiffer++;
                }
            }
            System.out.printf("  final CRM state, three instances vs one: %d records differ (%d differ only in the stage-skip fields, which are "
                    + "frozen when a move is first observed and so depend on when the polls ran)%n", different.size(), frozenDiffer);
            assertThat(different).as("three instances end with the CRM state of one").isEmpty();
            System.out.printf("  MultiInstanceSyncIT: reading and judging both orgs took %.1f s, the test %.1f s%n", judged.toMillis() / 1000.0,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            closeOnceStarted(startingThree);
            closeOnceStarted(startingOne);
        }
    }

    /** Stops a rig when it has started (or failed to: it stopped itself then). */
    private static void closeOnceStarted(CompletableFuture<SyncRig> starting) {
        starting.handle((rig, failed) -> {
            if (rig != null) {
                rig.close();
            }
            return null;
        }).join();
    }

    private static SyncRig.Settings settings(String name, int services) {
        return new SyncRig.Settings(name, SIZE, 20, FAULTS, 5, 10, services, SERVICE);
    }

    /** Prints what the sandbox counted: calls (the test's own reads told apart), faults, writes by Stagegate, duplicates. */
    static void print(String label, SyncRig rig, SyncRig.Verdict verdict) {
        long calls = verdict.stats().path("calls").asLong() - rig.sandbox.ownCalls();
        System.out.printf("  %s: %,d Salesforce calls by Stagegate (by endpoint, with the test's own %d reads: %s), faults injected %s; "
                        + "%,d record updates by stagegate on %,d records (at most %d per record), %d unchanged (duplicate) writes%n",
                label, calls, rig.sandbox.ownCalls(), verdict.stats().path("callsByEndpoint"), verdict.stats().path("faultsInjected"), verdict.updates(),
                verdict.recordsWritten(), verdict.maxWritesPerRecord(), verdict.unchangedWrites());
    }
}

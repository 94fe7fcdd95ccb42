package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.testsupport.PackagedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Crash safety (issue 5, item 5): the only instance is killed with SIGKILL in the middle of the backfill of a larger
 * org, while a write batch is in flight, and started again. Nothing is lost, nothing is written twice: the rows whose
 * outcome died with the instance are in doubt, and the restarted instance reads those records before writing them.
 */
class KilledInstanceIT {
    private static final int SIZE = 6_000;
    /** The lease after which the restarted instance takes over what the killed one had claimed. */
    private static final Map<String, String> SERVICE = Map.of("STAGEGATE_SYNC_LEASE", "5s");

    @Test
    void sigkillMidBackfillLosesNothingAndWritesNothingTwice() {
        long started = System.nanoTime();
        try (SyncRig rig = SyncRig.start(new SyncRig.Settings("sigkill", SIZE, 0, "none", 40, 10, 1, SERVICE))) {
            PackagedApp service = rig.services.get(0);
            long backfillStarted = System.nanoTime();
            Long sending = 0L;
            Long written = 0L;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                written = rig.count("SELECT count(*) FROM outbox WHERE status = 'WRITTEN'");
                sending = rig.count("SELECT count(*) FROM outbox WHERE status = 'SENDING'");
                // kill while a claimed batch is half written: some of its updates applied by the CRM, none recorded yet (the relay
                // records a claim of 1,000 rows after all five of its calls, 40-50 ms each, so the kill lands in that window)
                if (written != null && written >= 1_000 && sending != null && sending > 0 && rig.landedNotRecorded() > 0) {
                    break;
                }
                PackagedApp.sleep(10);
            }
            service.kill();
            assertThat(sending).as("a write batch in flight at the kill").isPositive();
            Duration beforeKill = Duration.ofNanos(System.nanoTime() - backfillStarted);

            List<String> inDoubt = new ArrayList<>();
            rig.rows("SELECT opportunity_id FROM outbox WHERE status = 'SENDING'").forEach(row -> inDoubt.add((String) row.get("opportunity_id")));
            Map<String, Long> writtenAtKill = rig.sandbox.writesPerRecord(SyncRig.CLIENT);
            long landed = inDoubt.stream().filter(writtenAtKill::containsKey).count();
            long states = rig.count("SELECT count(*) FROM opportunity_state");
            long open = rig.outboxOpen();

            long restarted = System.nanoTime();
            service.start().awaitReady("/q/health/ready", Duration.ofMinutes(4));
            Duration ready = Duration.ofNanos(System.nanoTime() - restarted);
            Duration drain = rig.awaitDrained(Duration.ofMinutes(4));
            SyncRig.Verdict verdict = rig.awaitVerdict();

            System.out.printf("%nKilledInstanceIT: %,d opportunities, 40-50 ms per Salesforce call; SIGKILL after %.1f s of backfill: %,d of %,d "
                            + "records processed, %,d rows written, %,d open, %,d in doubt (claimed, outcome unknown), of which %,d had landed in the CRM%n",
                    SIZE, beforeKill.toMillis() / 1000.0, states, SIZE, written, open, inDoubt.size(), landed);
            MultiInstanceSyncIT.print("in all", rig, verdict);
            System.out.printf("  restarted and ready in %.1f s, drained %.1f s later; KilledInstanceIT took %.1f s%n", ready.toMillis() / 1000.0,
                    drain.toMillis() / 1000.0, (System.nanoTime() - started) / 1e9);

            assertThat(verdict.problems()).as("every record right after the restart").isEmpty();
            assertThat(verdict.records()).isEqualTo(SIZE);
            assertThat(verdict.unchangedWrites()).as("duplicate writes").isZero();
            assertThat(verdict.maxWritesPerRecord()).as("no rep acted: each record is written at most once").isLessThanOrEqualTo(1);
            assertThat(verdict.updates()).isEqualTo(verdict.recordsWritten());
            assertThat(landed).as("updates the CRM applied whose outcome the killed instance never recorded").isPositive();
            assertThat(inDoubt).as("the rows in doubt at the kill were written exactly once in the end")
                    .allMatch(id -> verdict.writesPerRecord().getOrDefault(id, 0L) == 1);
            assertThat(service.countLog("now leads SALESFORCE polling")).as("the restarted instance took the poll lock the killed one held").isEqualTo(2);
        }
    }
}

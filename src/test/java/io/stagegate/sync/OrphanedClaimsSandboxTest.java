package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: outbox rows this instance claimed and then lost track of (the database went away with the claim's answer
 * or the write's outcome, or the process before this one under the same instance id died) are due again at the next
 * round, read before written, instead of waiting for their lease to run out. The lease here is ten minutes, so waiting
 * for it cannot pass the test.
 */
@QuarkusTest
@TestProfile(OrphanedClaimsSandboxTest.LongLease.class)
class OrphanedClaimsSandboxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The sync sandbox, with a lease far longer than the test. */
    public static class LongLease extends SyncSandboxProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("stagegate.sync.lease", "10m");
            return overrides;
        }
    }

    @Inject
    SyncEngine engine;

    @Inject
    OutboxStore outbox;

    @Inject
    SyncStore store;

    @Inject
    SandboxGate gate;

    @Test
    void rowsClaimedUnderThisInstanceAndNeverFinishedAreWrittenAtTheNextRoundNotAtLeaseExpiry() {
        Pool pool = store.pool();
        SyncTables.clear(pool);
        engine.pollCycle(Crm.SALESFORCE); // the backfill: every record needs its qualified fields
        long pending = SyncTables.outboxOpen(pool);
        assertThat(pending).as("the backfill queued writes").isGreaterThan(400);

        // a relay of this instance claims 400 rows and never finishes them: its process, or its database, went away
        List<OutboxStore.OutboxRow> orphans = outbox.claim(Crm.SALESFORCE, 400, engine.instanceId(), Duration.ofMinutes(10)).await().atMost(WAIT);
        assertThat(orphans).hasSize(400);
        long updatesBefore = gate.stats(SandboxCrm.SALESFORCE).writesByClient().getOrDefault("stagegate", new SandboxGate.ClientWrites(0, 0, 0)).updates();

        int written = engine.relay(Crm.SALESFORCE, true);

        Row left = pool.query("SELECT count(*) FILTER (WHERE status = 'SENDING') AS sending, count(*) FILTER (WHERE status = 'PENDING') AS pending, "
                + "count(*) FILTER (WHERE status = 'WRITTEN') AS written FROM outbox").execute().await().atMost(WAIT).iterator().next();
        assertThat(left.getLong("sending")).as("rows left in flight with nobody writing them").isZero();
        assertThat(left.getLong("pending")).as("rows still waiting").isZero();
        assertThat(written).as("every queued record written in this round, the orphans included").isEqualTo((int) pending);
        long updates = gate.stats(SandboxCrm.SALESFORCE).writesByClient().get("stagegate").updates() - updatesBefore;
        assertThat(updates).as("each record updated once: the orphans were read first, and none of them had landed").isEqualTo(pending);
        assertThat(engine.status(Crm.SALESFORCE).writesVerifiedWithoutWriting()).isZero();
    }
}

package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a page transaction knows of an opportunity whose write is being recorded at the same moment. The relay records a
 * write in one transaction (the outbox row WRITTEN, the state's written values); a page that saw the row no longer in
 * flight but the state without the written values would queue the same values again: the record would be written twice
 * (MultiInstanceSyncIT caught it in CI: "written 2 times, its desired values changed 1 times", two identical WRITTEN
 * rows). It happened when both waited for a third transaction, a page of another instance holding the record: released
 * together, the relay committed between the page's two reads. Here the third transaction is the test's, and the two are
 * released together many times.
 */
@QuarkusTest
@TestProfile(SyncSandboxProfile.class)
class PriorSnapshotTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ID = "006Dn0000000RACEAA";
    private static final Map<String, Object> OUTPUTS = Map.of("Qualified_Stage__c", "Engagement", "Qualified_Probability__c", 10);
    private static final int ROUNDS = 40;

    @Inject
    SyncStore store;

    @Inject
    PageStore pages;

    @Inject
    OutboxStore outbox;

    @Test
    void aPageSeesAWriteEitherInFlightOrWrittenNeverNeither() throws Exception {
        Pool pool = store.pool();
        List<String> neither = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            SyncTables.clear(pool);
            pool.preparedQuery("INSERT INTO opportunity_state (crm, opportunity_id, pipeline, stage, status, modified_at, read_at, evaluated_at, "
                    + "playbook_sha256) VALUES ('SALESFORCE', $1, 'default', 'Prospecting', 'OPEN', now(), now(), now(), repeat('0', 64))").execute(Tuple.of(ID)).await().atMost(WAIT);
            long rowId = pool.preparedQuery("INSERT INTO outbox (crm, opportunity_id, pipeline, outputs, status, claimed_by, attempts) "
                            + "VALUES ('SALESFORCE', $1, 'default', $2::text::jsonb, 'SENDING', 'relay-under-test', 1) RETURNING id")
                    .execute(Tuple.of(ID, OutputValues.toJson(OUTPUTS))).await().atMost(WAIT).iterator().next().getLong("id");
            OutboxStore.OutboxRow claimed = new OutboxStore.OutboxRow(rowId, ID, OUTPUTS, 1, false);

            // another page holds the record: its advisory lock and its state row
            SqlConnection other = pool.getConnection().await().atMost(WAIT);
            try {
                Transaction holding = other.begin().await().atMost(WAIT);
                other.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))").execute(Tuple.of("SALESFORCE", ID))
                        .await().atMost(WAIT);
                other.preparedQuery("SELECT 1 FROM opportunity_state WHERE crm = 'SALESFORCE' AND opportunity_id = $1 FOR UPDATE")
                        .execute(Tuple.of(ID)).await().atMost(WAIT);

                CompletableFuture<Void> relay = outbox.record(Crm.SALESFORCE,
                        List.of(new OutboxStore.Outcome(claimed, "WRITTEN", null, null, null))).subscribeAsCompletionStage();
                AtomicReference<Prior> seen = new AtomicReference<>();
                CompletableFuture<List<Processed>> page = pages.commit(Crm.SALESFORCE, List.of(ID), priors -> {
                    seen.set(priors.getOrDefault(ID, Prior.NONE));
                    return List.of();
                }, "sha", PageStore.Progress.NONE).subscribeAsCompletionStage();
                awaitWaiters(pool, 2);
                holding.commit().await().atMost(WAIT);

                page.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                relay.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                Prior prior = seen.get();
                if (prior.sendingOutputs() == null && prior.writtenOutputs() == null) {
                    neither.add("round " + round);
                }
            } finally {
                other.close().await().atMost(WAIT);
            }
        }
        assertThat(neither).as("rounds in which the page saw the write neither in flight nor written (it would queue it again)").isEmpty();
    }

    /** Waits until {@code n} sessions wait for a lock (the relay for the state row, the page for the record's lock). */
    private static void awaitWaiters(Pool pool, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (pool.query("SELECT count(*) AS n FROM pg_locks WHERE NOT granted").execute().await().atMost(WAIT).iterator().next().getLong("n") < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the relay and the page never both waited for the held record");
            }
            Thread.sleep(2);
        }
    }
}

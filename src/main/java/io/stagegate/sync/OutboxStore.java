package io.stagegate.sync;

import io.smallrye.mutiny.Uni;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The outbox: output values waiting to be written to the CRM, claimed by relays with SKIP LOCKED under a lease, and
 * what became of each write.
 */
@ApplicationScoped
public class OutboxStore {
    private final SyncStore store;

    public OutboxStore(SyncStore store) {
        this.store = store;
    }

    /** One claimed outbox row. */
    record OutboxRow(long id, String opportunityId, Map<String, Object> outputs, int attempts, boolean inDoubt) {
    }

    /**
     * Makes rows whose relay died (lease run out) claimable again. They are in doubt: the write may have landed, so
     * the relay reads the records before writing them again. A row with newer values waiting is superseded instead.
     */
    Uni<Integer> reclaimExpired(Crm crm) {
        return putBackInDoubt(crm, "lease_until < now()", Tuple.of(crm.name()));
    }

    /**
     * Puts back the rows this relay still holds as SENDING although it is not writing them: it claimed them and then
     * lost the database (the claim's answer, or the outcome of the write, never arrived). Called while no write of this
     * relay is in flight, so they are due again now, in doubt as after a lease ran out, instead of when their lease runs
     * out (minutes later).
     */
    Uni<Integer> releaseOrphans(Crm crm, String relay) {
        return putBackInDoubt(crm, "claimed_by = $2", Tuple.of(crm.name(), relay));
    }

    private Uni<Integer> putBackInDoubt(Crm crm, String which, Tuple args) {
        return store.pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox o SET status = 'SUPERSEDED', lease_until = NULL, updated_at = now() "
                        + "WHERE crm = $1 AND status = 'SENDING' AND " + which + " AND EXISTS (SELECT 1 FROM outbox p WHERE p.crm = o.crm "
                        + "AND p.opportunity_id = o.opportunity_id AND p.status IN ('PENDING', 'SHADOW'))")
                .execute(args)
                .chain(superseded -> conn.preparedQuery("UPDATE outbox SET status = 'PENDING', in_doubt = true, lease_until = NULL, "
                                + "claimed_by = NULL, next_attempt_at = now(), updated_at = now() WHERE crm = $1 AND status = 'SENDING' AND " + which)
                        .execute(args)
                        .map(reset -> superseded.rowCount() + reset.rowCount())));
    }

    /** How many rows are due now, and how long the oldest of them has waited (seconds; 0 when none). */
    record Due(long count, double oldestSeconds) {
    }

    Uni<Due> due(Crm crm) {
        return store.pool().preparedQuery("SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(updated_at)), 0)::float8 AS age FROM outbox "
                        + "WHERE crm = $1 AND status = 'PENDING' AND next_attempt_at <= now()")
                .execute(Tuple.of(crm.name()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Due(row.getLong("n"), row.getDouble("age"));
                });
    }

    /** Rows still to write or in flight (the partial indexes on PENDING and SENDING rows answer it). */
    Uni<Long> unfinished(Crm crm) {
        return store.pool().preparedQuery("SELECT count(*) AS n FROM outbox WHERE crm = $1 AND status IN ('PENDING', 'SENDING')")
                .execute(Tuple.of(crm.name())).map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Opportunities written at least once, and rows held back in shadow mode. */
    record Written(long records, long shadow) {
    }

    Uni<Written> written(Crm crm) {
        return store.pool().preparedQuery("SELECT count(DISTINCT opportunity_id) FILTER (WHERE status = 'WRITTEN') AS w, "
                        + "count(*) FILTER (WHERE status = 'SHADOW') AS s FROM outbox WHERE crm = $1")
                .execute(Tuple.of(crm.name()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Written(row.getLong("w"), row.getLong("s"));
                });
    }

    /** Claims up to {@code limit} due rows for this relay, skipping rows other relays hold and records in flight. */
    Uni<List<OutboxRow>> claim(Crm crm, int limit, String relay, Duration lease) {
        return store.pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox SET status = 'SENDING', claimed_by = $3, "
                        + "lease_until = now() + make_interval(secs => $4), attempts = attempts + 1, updated_at = now() "
                        + "WHERE id IN (SELECT o.id FROM outbox o WHERE o.crm = $1 AND o.status = 'PENDING' AND o.next_attempt_at <= now() "
                        + "AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.crm = o.crm AND s.opportunity_id = o.opportunity_id AND s.status = 'SENDING') "
                        + "ORDER BY o.next_attempt_at, o.id LIMIT $2 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, opportunity_id, outputs::text AS outputs, attempts, in_doubt")
                .execute(Tuple.of(crm.name(), limit, relay, (double) lease.toSeconds()))
                .map(rows -> {
                    List<OutboxRow> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new OutboxRow(row.getLong("id"), row.getString("opportunity_id"), OutputValues.fromJson(row.getString("outputs")),
                                row.getInteger("attempts"), row.getBoolean("in_doubt")));
                    }
                    claimed.sort(Comparator.comparingLong(OutboxRow::id));
                    return claimed;
                }));
    }

    /** What became of one claimed row. */
    record Outcome(OutboxRow row, String status, Instant nextAttempt, String code, String message) {
    }

    /** Records the outcome of a relay round; a written row also becomes the opportunity's last written values. */
    Uni<Void> record(Crm crm, List<Outcome> outcomes) {
        List<Tuple> written = new ArrayList<>();
        List<Tuple> retried = new ArrayList<>();
        List<Tuple> dead = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            switch (outcome.status()) {
                case "WRITTEN":
                    written.add(Tuple.of(outcome.row().id(), crm.name(), outcome.row().opportunityId(), OutputValues.toJson(outcome.row().outputs())));
                    break;
                case "PENDING":
                    retried.add(Tuple.tuple(SyncStore.listOf(outcome.row().id(), SyncStore.odt(outcome.nextAttempt()), outcome.code(), outcome.message())));
                    break;
                default:
                    dead.add(Tuple.tuple(SyncStore.listOf(outcome.row().id(), outcome.code(), outcome.message())));
                    break;
            }
        }
        return store.pool().withTransaction(conn -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            if (!written.isEmpty()) {
                chain = chain.chain(() -> conn.preparedQuery("WITH done AS (UPDATE outbox SET status = 'WRITTEN', written_at = now(), lease_until = NULL, "
                                + "in_doubt = false, updated_at = now() WHERE id = $1 AND status = 'SENDING' RETURNING id) "
                                + "UPDATE opportunity_state SET written_outputs = $4::text::jsonb, written_at = now() "
                                + "WHERE crm = $2 AND opportunity_id = $3 AND EXISTS (SELECT 1 FROM done)")
                        .executeBatch(written).replaceWithVoid());
            }
            if (!retried.isEmpty()) {
                // back to PENDING, unless newer values wait already (then those are written and this row is done)
                chain = chain.chain(() -> conn.preparedQuery("UPDATE outbox o SET status = CASE WHEN EXISTS (SELECT 1 FROM outbox p WHERE p.crm = o.crm "
                                + "AND p.opportunity_id = o.opportunity_id AND p.status IN ('PENDING', 'SHADOW')) THEN 'SUPERSEDED' ELSE 'PENDING' END, "
                                + "next_attempt_at = $2, lease_until = NULL, claimed_by = NULL, error_code = $3, error_message = $4, updated_at = now() "
                                + "WHERE id = $1 AND status = 'SENDING'")
                        .executeBatch(retried).replaceWithVoid());
            }
            if (!dead.isEmpty()) {
                chain = chain.chain(() -> conn.preparedQuery("UPDATE outbox SET status = 'DEAD', lease_until = NULL, error_code = $2, error_message = $3, "
                                + "updated_at = now() WHERE id = $1 AND status = 'SENDING'")
                        .executeBatch(dead).replaceWithVoid());
            }
            return chain;
        });
    }

    /** Releases rows without counting the attempt (quota parked, setup broken): they are due again at {@code at}. */
    Uni<Void> release(List<OutboxRow> rows, Instant at) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = new ArrayList<>();
        for (OutboxRow row : rows) {
            tuples.add(Tuple.of(row.id(), SyncStore.odt(at)));
        }
        return store.pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox o SET status = CASE WHEN EXISTS (SELECT 1 FROM outbox p "
                        + "WHERE p.crm = o.crm AND p.opportunity_id = o.opportunity_id AND p.status IN ('PENDING', 'SHADOW')) THEN 'SUPERSEDED' ELSE 'PENDING' END, "
                        + "attempts = greatest(attempts - 1, 0), next_attempt_at = $2, lease_until = NULL, claimed_by = NULL, updated_at = now() "
                        + "WHERE id = $1 AND status = 'SENDING'")
                .executeBatch(tuples).replaceWithVoid());
    }

    /** Puts dead letters back in the queue (an admin fixed the cause). */
    Uni<Integer> replayDead(Crm crm, List<Long> ids) {
        String filter = ids == null || ids.isEmpty() ? "" : " AND id = ANY($2)";
        Tuple args = ids == null || ids.isEmpty() ? Tuple.of(crm.name()) : Tuple.of(crm.name(), ids.toArray(new Long[0]));
        return store.pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox o SET status = 'PENDING', attempts = 0, next_attempt_at = now(), "
                        + "updated_at = now() WHERE crm = $1 AND status = 'DEAD'" + filter
                        + " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.crm = o.crm AND p.opportunity_id = o.opportunity_id "
                        + "AND p.status IN ('PENDING', 'SHADOW'))")
                .execute(args).map(rows -> rows.rowCount()));
    }

    /** Turns shadow rows into pending ones for the opportunities write-back now covers (or back, when it was narrowed). */
    Uni<Integer> applyScope(Crm crm, WriteScope scope) {
        if (!scope.on()) {
            return store.pool().preparedQuery("UPDATE outbox SET status = 'SHADOW', updated_at = now() WHERE crm = $1 AND status = 'PENDING'")
                    .execute(Tuple.of(crm.name())).map(rows -> rows.rowCount());
        }
        String[] pipelines = scope.pipelines().toArray(new String[0]);
        return store.pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox SET status = 'PENDING', next_attempt_at = now(), updated_at = now() "
                        + "WHERE crm = $1 AND status = 'SHADOW' AND (cardinality($2::text[]) = 0 OR pipeline = ANY($2))")
                .execute(Tuple.of(crm.name(), pipelines))
                .chain(released -> conn.preparedQuery("UPDATE outbox SET status = 'SHADOW', updated_at = now() WHERE crm = $1 AND status = 'PENDING' "
                                + "AND cardinality($2::text[]) > 0 AND NOT (pipeline = ANY($2))")
                        .execute(Tuple.of(crm.name(), pipelines)).map(held -> released.rowCount())));
    }
}

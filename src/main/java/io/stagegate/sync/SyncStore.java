package io.stagegate.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.SyncCursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync engine's tables, in plain SQL on the reactive PostgreSQL client (upserts, SKIP LOCKED and batches say
 * exactly what they do). Every write is idempotent: replaying it changes nothing.
 */
@ApplicationScoped
public class SyncStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredTransition.SkippedCriterion>> SKIPPED = new TypeReference<>() {
    };

    private final Instance<Pool> pools;

    /**
     * The pool is looked up when first used, not injected: a bean injecting it directly would make Quarkus create it
     * at startup even when the datasource is switched off, and sandbox mode ({@code STAGEGATE_MODE=sandbox}) runs
     * without a database.
     */
    public SyncStore(Instance<Pool> pools) {
        this.pools = pools;
    }

    Pool pool() {
        return pools.get();
    }

    static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    // --- cursors -------------------------------------------------------------------------------------------------

    /** A reader's position, with the bounds of a sweep in progress. */
    record CursorRow(SyncCursor cursor, Instant until, Instant startedAt, Instant completedAt) {
    }

    Uni<CursorRow> cursor(Crm crm, String kind) {
        return pool().preparedQuery("SELECT modified_at, last_id, until_at, started_at, completed_at FROM sync_cursor WHERE crm = $1 AND kind = $2")
                .execute(Tuple.of(crm.name(), kind))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new CursorRow(new SyncCursor(instant(row.getOffsetDateTime("modified_at")), row.getString("last_id")),
                            instant(row.getOffsetDateTime("until_at")), instant(row.getOffsetDateTime("started_at")),
                            instant(row.getOffsetDateTime("completed_at")));
                });
    }

    /** Starts (or restarts) a sweep reading everything modified up to {@code until}. */
    Uni<Void> startSweep(Crm crm, Instant until) {
        return pool().preparedQuery("INSERT INTO sync_cursor (crm, kind, modified_at, last_id, until_at, started_at, completed_at) "
                        + "VALUES ($1, 'sweep', $2, '', $3, now(), NULL) ON CONFLICT (crm, kind) DO UPDATE SET modified_at = excluded.modified_at, "
                        + "last_id = '', until_at = excluded.until_at, started_at = now(), completed_at = NULL, updated_at = now()")
                .execute(Tuple.of(crm.name(), odt(Instant.EPOCH), odt(until))).replaceWithVoid();
    }

    Uni<Void> completeSweep(Crm crm) {
        return pool().preparedQuery("UPDATE sync_cursor SET completed_at = now(), until_at = NULL, updated_at = now() WHERE crm = $1 AND kind = 'sweep'")
                .execute(Tuple.of(crm.name())).replaceWithVoid();
    }

    /** Asks for a new sweep at the next opportunity (after a playbook change): the current one, if any, restarts. */
    Uni<Void> requestSweep(Crm crm) {
        return pool().preparedQuery("UPDATE sync_cursor SET completed_at = NULL, until_at = NULL, started_at = NULL, updated_at = now() "
                + "WHERE crm = $1 AND kind = 'sweep'").execute(Tuple.of(crm.name())).replaceWithVoid();
    }

    private static Uni<Void> saveCursor(SqlConnection conn, Crm crm, String kind, SyncCursor next) {
        // forward only: an instance that lost leadership without knowing cannot move a cursor back
        return conn.preparedQuery("INSERT INTO sync_cursor (crm, kind, modified_at, last_id) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (crm, kind) DO UPDATE SET modified_at = excluded.modified_at, last_id = excluded.last_id, updated_at = now() "
                        + "WHERE (sync_cursor.modified_at, sync_cursor.last_id COLLATE \"C\") < (excluded.modified_at, excluded.last_id COLLATE \"C\")")
                .execute(Tuple.of(crm.name(), kind, odt(next.modifiedAt()), next.lastId())).replaceWithVoid();
    }

    // --- pages ---------------------------------------------------------------------------------------------------

    /** Where a processed page's progress goes in the same transaction: a cursor, or inbox rows to mark done. */
    record Progress(String cursorKind, SyncCursor cursor, List<Long> inboxIds) {
        static Progress cursor(String kind, SyncCursor cursor) {
            return new Progress(kind, cursor, List.of());
        }

        static Progress inbox(List<Long> ids) {
            return new Progress(null, null, ids);
        }

        static final Progress NONE = new Progress(null, null, List.of());
    }

    /** Locks the opportunities of a page for this transaction (in a fixed order, so two pages cannot deadlock). */
    static Uni<Void> lock(SqlConnection conn, Crm crm, List<String> ids) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended($1 || ':' || id, 0) AS h "
                        + "FROM unnest($2::text[]) AS id ORDER BY h) AS ordered")
                .execute(Tuple.of(crm.name(), ids.toArray(new String[0]))).replaceWithVoid();
    }

    static Uni<Map<String, Prior>> priors(SqlConnection conn, Crm crm, List<String> ids) {
        String[] idArray = ids.toArray(new String[0]);
        Map<String, Prior.Builder> builders = new HashMap<>();
        Uni<Void> states = conn.preparedQuery("SELECT opportunity_id, stage, modified_at, read_at, written_outputs::text AS written, written_at "
                        + "FROM opportunity_state WHERE crm = $1 AND opportunity_id = ANY($2)")
                .execute(Tuple.of(crm.name(), idArray))
                .invoke(rows -> {
                    for (Row row : rows) {
                        Prior.Builder builder = builders.computeIfAbsent(row.getString("opportunity_id"), id -> new Prior.Builder());
                        builder.stage = row.getString("stage");
                        builder.modifiedAt = instant(row.getOffsetDateTime("modified_at"));
                        builder.readAt = instant(row.getOffsetDateTime("read_at"));
                        builder.writtenOutputs = OutputValues.fromJson(row.getString("written"));
                        builder.writtenAt = instant(row.getOffsetDateTime("written_at"));
                    }
                }).replaceWithVoid();
        Uni<Void> outbox = conn.preparedQuery("SELECT opportunity_id, status, outputs::text AS outputs FROM outbox "
                        + "WHERE crm = $1 AND opportunity_id = ANY($2) AND status IN ('PENDING', 'SHADOW', 'SENDING')")
                .execute(Tuple.of(crm.name(), idArray))
                .invoke(rows -> {
                    for (Row row : rows) {
                        Prior.Builder builder = builders.computeIfAbsent(row.getString("opportunity_id"), id -> new Prior.Builder());
                        Map<String, Object> outputs = OutputValues.fromJson(row.getString("outputs"));
                        if ("SENDING".equals(row.getString("status"))) {
                            builder.sendingOutputs = outputs;
                        } else {
                            builder.pendingOutputs = outputs;
                        }
                    }
                }).replaceWithVoid();
        Uni<Void> transitions = conn.preparedQuery("SELECT opportunity_id, from_stage, to_stage, moved_at, kind, skipped_stages::text AS stages, "
                        + "skipped_criteria::text AS criteria, source FROM stage_transition WHERE crm = $1 AND opportunity_id = ANY($2)")
                .execute(Tuple.of(crm.name(), idArray))
                .invoke(rows -> {
                    for (Row row : rows) {
                        Prior.Builder builder = builders.computeIfAbsent(row.getString("opportunity_id"), id -> new Prior.Builder());
                        StoredTransition transition = new StoredTransition(row.getString("from_stage"), row.getString("to_stage"),
                                instant(row.getOffsetDateTime("moved_at")), row.getString("kind"), readJson(row.getString("stages"), STRINGS),
                                readJson(row.getString("criteria"), SKIPPED), row.getString("source"));
                        builder.transitions.put(transition.key(), transition);
                    }
                }).replaceWithVoid();
        return states.chain(() -> outbox).chain(() -> transitions).map(ignored -> {
            Map<String, Prior> priors = new HashMap<>();
            builders.forEach((id, builder) -> priors.put(id, builder.build()));
            return priors;
        });
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return OutputValues.JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }

    private static String writeJson(Object value) {
        try {
            return OutputValues.JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes what processing a page decided, and its progress, in the transaction of {@code conn}. */
    static Uni<Void> apply(SqlConnection conn, Crm crm, List<Processed> results, String playbookSha, Progress progress) {
        List<Tuple> states = new ArrayList<>();
        List<Tuple> transitions = new ArrayList<>();
        List<Tuple> writes = new ArrayList<>();
        List<Tuple> clears = new ArrayList<>();
        for (Processed result : results) {
            if (result.disposition() == Processed.Disposition.STALE) {
                continue;
            }
            Processed.StateRow s = result.state();
            states.add(Tuple.tuple(listOf(crm.name(), s.id(), s.pipeline(), s.stage(), s.owner(), s.currency(), s.amount(), s.closeDate(),
                    s.status(), s.recordedStage(), s.qualifiedStage(), s.overStaged(), s.stageSkip(), s.recordedForecast(), s.qualifiedForecast(),
                    s.inputsJson(), s.evaluationJson(), s.crmOutputsJson(), s.desiredOutputsJson(), s.problem(), odt(s.modifiedAt()),
                    odt(s.readAt()), playbookSha)));
            for (StoredTransition t : result.newTransitions()) {
                transitions.add(Tuple.tuple(listOf(crm.name(), s.id(), s.pipeline(), s.owner(), t.fromStage(), t.toStage(), odt(t.movedAt()),
                        t.kind(), writeJson(t.skippedStages()), writeJson(t.skippedCriteria()), !t.skippedCriteria().isEmpty(), t.source())));
            }
            switch (result.outbox()) {
                case WRITE:
                case SHADOW:
                    writes.add(Tuple.tuple(listOf(crm.name(), s.id(), s.pipeline(), OutputValues.toJson(result.outputs()),
                            result.outbox() == Processed.OutboxAction.WRITE ? "PENDING" : "SHADOW")));
                    break;
                case CLEAR_PENDING:
                    clears.add(Tuple.of(crm.name(), s.id()));
                    break;
                default:
                    break;
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (!states.isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("INSERT INTO opportunity_state (crm, opportunity_id, pipeline, stage, owner, currency, "
                    + "amount, close_date, status, recorded_stage, qualified_stage, over_staged, stage_skip, recorded_forecast, qualified_forecast, "
                    + "inputs, evaluation, crm_outputs, desired_outputs, problem, modified_at, read_at, evaluated_at, playbook_sha256) "
                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::text::jsonb, $17::text::jsonb, $18::text::jsonb, $19::text::jsonb, "
                    + "$20, $21, $22, now(), $23) "
                    + "ON CONFLICT (crm, opportunity_id) DO UPDATE SET pipeline = excluded.pipeline, stage = excluded.stage, owner = excluded.owner, "
                    + "currency = excluded.currency, amount = excluded.amount, close_date = excluded.close_date, status = excluded.status, "
                    + "recorded_stage = excluded.recorded_stage, qualified_stage = excluded.qualified_stage, over_staged = excluded.over_staged, "
                    + "stage_skip = excluded.stage_skip, recorded_forecast = excluded.recorded_forecast, qualified_forecast = excluded.qualified_forecast, "
                    + "inputs = excluded.inputs, evaluation = excluded.evaluation, crm_outputs = excluded.crm_outputs, "
                    + "desired_outputs = excluded.desired_outputs, problem = excluded.problem, modified_at = excluded.modified_at, "
                    + "read_at = excluded.read_at, evaluated_at = now(), playbook_sha256 = excluded.playbook_sha256 "
                    + "WHERE (opportunity_state.modified_at, opportunity_state.read_at) <= (excluded.modified_at, excluded.read_at)")
                    .executeBatch(states).replaceWithVoid());
        }
        if (!transitions.isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("INSERT INTO stage_transition (crm, opportunity_id, pipeline, owner, from_stage, to_stage, "
                    + "moved_at, kind, skipped_stages, skipped_criteria, skipped_criteria_flag, source) "
                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10::text::jsonb, $11, $12) "
                    + "ON CONFLICT (crm, opportunity_id, moved_at, to_stage) DO NOTHING")
                    .executeBatch(transitions).replaceWithVoid());
        }
        if (!clears.isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("UPDATE outbox SET status = 'SUPERSEDED', updated_at = now() "
                    + "WHERE crm = $1 AND opportunity_id = $2 AND status IN ('PENDING', 'SHADOW')").executeBatch(clears).replaceWithVoid());
        }
        if (!writes.isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("INSERT INTO outbox (crm, opportunity_id, pipeline, outputs, status) "
                    + "VALUES ($1, $2, $3, $4::text::jsonb, $5) ON CONFLICT (crm, opportunity_id) WHERE status IN ('PENDING', 'SHADOW') "
                    + "DO UPDATE SET outputs = excluded.outputs, status = excluded.status, pipeline = excluded.pipeline, attempts = 0, "
                    + "next_attempt_at = now(), in_doubt = false, error_code = NULL, error_message = NULL, updated_at = now()")
                    .executeBatch(writes).replaceWithVoid());
        }
        if (progress.cursor() != null) {
            chain = chain.chain(() -> saveCursor(conn, crm, progress.cursorKind(), progress.cursor()));
        }
        if (!progress.inboxIds().isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("UPDATE inbox SET status = 'DONE', processed_at = now(), error = NULL WHERE id = ANY($1)")
                    .execute(Tuple.of(progress.inboxIds().toArray(new Long[0]))).replaceWithVoid());
        }
        return chain;
    }

    private static List<Object> listOf(Object... values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value);
        }
        return list;
    }

    // --- outbox --------------------------------------------------------------------------------------------------

    /** One claimed outbox row. */
    record OutboxRow(long id, String opportunityId, Map<String, Object> outputs, int attempts, boolean inDoubt) {
    }

    /**
     * Makes rows whose relay died (lease run out) claimable again. They are in doubt: the write may have landed, so
     * the relay reads the records before writing them again. A row with newer values waiting is superseded instead.
     */
    Uni<Integer> reclaimExpired(Crm crm) {
        return pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox o SET status = 'SUPERSEDED', lease_until = NULL, updated_at = now() "
                        + "WHERE crm = $1 AND status = 'SENDING' AND lease_until < now() AND EXISTS (SELECT 1 FROM outbox p WHERE p.crm = o.crm "
                        + "AND p.opportunity_id = o.opportunity_id AND p.status IN ('PENDING', 'SHADOW'))")
                .execute(Tuple.of(crm.name()))
                .chain(superseded -> conn.preparedQuery("UPDATE outbox SET status = 'PENDING', in_doubt = true, lease_until = NULL, "
                                + "claimed_by = NULL, next_attempt_at = now(), updated_at = now() WHERE crm = $1 AND status = 'SENDING' AND lease_until < now()")
                        .execute(Tuple.of(crm.name()))
                        .map(reset -> superseded.rowCount() + reset.rowCount())));
    }

    /** How many rows are due now, and how long the oldest of them has waited (seconds; 0 when none). */
    record Due(long count, double oldestSeconds) {
    }

    Uni<Due> due(Crm crm) {
        return pool().preparedQuery("SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(updated_at)), 0)::float8 AS age FROM outbox "
                        + "WHERE crm = $1 AND status = 'PENDING' AND next_attempt_at <= now()")
                .execute(Tuple.of(crm.name()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Due(row.getLong("n"), row.getDouble("age"));
                });
    }

    /** Claims up to {@code limit} due rows for this relay, skipping rows other relays hold and records in flight. */
    Uni<List<OutboxRow>> claim(Crm crm, int limit, String relay, Duration lease) {
        return pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox SET status = 'SENDING', claimed_by = $3, "
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
                    claimed.sort(java.util.Comparator.comparingLong(OutboxRow::id));
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
                    retried.add(Tuple.tuple(listOf(outcome.row().id(), odt(outcome.nextAttempt()), outcome.code(), outcome.message())));
                    break;
                default:
                    dead.add(Tuple.tuple(listOf(outcome.row().id(), outcome.code(), outcome.message())));
                    break;
            }
        }
        return pool().withTransaction(conn -> {
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
            tuples.add(Tuple.of(row.id(), odt(at)));
        }
        return pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox o SET status = CASE WHEN EXISTS (SELECT 1 FROM outbox p "
                        + "WHERE p.crm = o.crm AND p.opportunity_id = o.opportunity_id AND p.status IN ('PENDING', 'SHADOW')) THEN 'SUPERSEDED' ELSE 'PENDING' END, "
                        + "attempts = greatest(attempts - 1, 0), next_attempt_at = $2, lease_until = NULL, claimed_by = NULL, updated_at = now() "
                        + "WHERE id = $1 AND status = 'SENDING'")
                .executeBatch(tuples).replaceWithVoid());
    }

    /** Puts dead letters back in the queue (an admin fixed the cause). */
    Uni<Integer> replayDead(Crm crm, List<Long> ids) {
        String filter = ids == null || ids.isEmpty() ? "" : " AND id = ANY($2)";
        Tuple args = ids == null || ids.isEmpty() ? Tuple.of(crm.name()) : Tuple.of(crm.name(), ids.toArray(new Long[0]));
        return pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox o SET status = 'PENDING', attempts = 0, next_attempt_at = now(), "
                        + "updated_at = now() WHERE crm = $1 AND status = 'DEAD'" + filter
                        + " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.crm = o.crm AND p.opportunity_id = o.opportunity_id "
                        + "AND p.status IN ('PENDING', 'SHADOW'))")
                .execute(args).map(rows -> rows.rowCount()));
    }

    /** Turns shadow rows into pending ones for the opportunities write-back now covers (or back, when it was narrowed). */
    Uni<Integer> applyScope(Crm crm, WriteScope scope) {
        if (!scope.on()) {
            return pool().preparedQuery("UPDATE outbox SET status = 'SHADOW', updated_at = now() WHERE crm = $1 AND status = 'PENDING'")
                    .execute(Tuple.of(crm.name())).map(rows -> rows.rowCount());
        }
        String[] pipelines = scope.pipelines().toArray(new String[0]);
        return pool().withTransaction(conn -> conn.preparedQuery("UPDATE outbox SET status = 'PENDING', next_attempt_at = now(), updated_at = now() "
                        + "WHERE crm = $1 AND status = 'SHADOW' AND (cardinality($2::text[]) = 0 OR pipeline = ANY($2))")
                .execute(Tuple.of(crm.name(), pipelines))
                .chain(released -> conn.preparedQuery("UPDATE outbox SET status = 'SHADOW', updated_at = now() WHERE crm = $1 AND status = 'PENDING' "
                                + "AND cardinality($2::text[]) > 0 AND NOT (pipeline = ANY($2))")
                        .execute(Tuple.of(crm.name(), pipelines)).map(held -> released.rowCount())));
    }

    // --- inbox ---------------------------------------------------------------------------------------------------

    /** One claimed inbox event. */
    record InboxRow(long id, Crm crm, List<String> recordIds, int attempts) {
    }

    /** Claims due inbox events; the claim holds them for {@code lease} (a worker that dies lets them fall due again). */
    Uni<List<InboxRow>> claimInbox(Crm crm, int limit, Duration lease) {
        return pool().withTransaction(conn -> conn.preparedQuery("UPDATE inbox SET attempts = attempts + 1, "
                        + "next_attempt_at = now() + make_interval(secs => $2) WHERE id IN (SELECT id FROM inbox WHERE crm = $3 AND status = 'PENDING' "
                        + "AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, crm, record_ids, attempts")
                .execute(Tuple.of(limit, (double) lease.toSeconds(), crm.name()))
                .map(rows -> {
                    List<InboxRow> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new InboxRow(row.getLong("id"), Crm.valueOf(row.getString("crm")), List.of(row.getArrayOfStrings("record_ids")),
                                row.getInteger("attempts")));
                    }
                    return claimed;
                }));
    }

    /** Inbox events whose records could not be read: due again at {@code retryAt}, or dead after too many attempts. */
    Uni<Void> inboxFailed(List<InboxRow> rows, String error, Instant retryAt, int maxAttempts) {
        List<Tuple> tuples = new ArrayList<>();
        for (InboxRow row : rows) {
            tuples.add(Tuple.of(row.id(), row.attempts() >= maxAttempts ? "DEAD" : "PENDING", odt(retryAt), error));
        }
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool().preparedQuery("UPDATE inbox SET status = $2, next_attempt_at = $3, error = $4 WHERE id = $1 AND status = 'PENDING'")
                .executeBatch(tuples).replaceWithVoid();
    }

    // --- snapshots, audit, status --------------------------------------------------------------------------------

    /** Takes the day's forecast snapshot from the current state, once per day (a second call changes nothing). */
    Uni<Integer> snapshot(Crm crm, java.time.LocalDate day) {
        return pool().preparedQuery("INSERT INTO forecast_snapshot (day, crm, pipeline, owner, currency, open_count, over_staged_count, amount, "
                        + "recorded_forecast, qualified_forecast, won_amount) "
                        + "SELECT $1, crm, coalesce(pipeline, ''), coalesce(owner, ''), coalesce(currency, ''), "
                        + "count(*) FILTER (WHERE status = 'OPEN'), count(*) FILTER (WHERE status = 'OPEN' AND over_staged), "
                        + "coalesce(sum(amount) FILTER (WHERE status = 'OPEN'), 0), coalesce(sum(recorded_forecast) FILTER (WHERE status = 'OPEN'), 0), "
                        + "coalesce(sum(qualified_forecast) FILTER (WHERE status = 'OPEN'), 0), "
                        + "coalesce(sum(amount) FILTER (WHERE status = 'WON' AND close_date = $1), 0) "
                        + "FROM opportunity_state WHERE crm = $2 AND status IN ('OPEN', 'WON') GROUP BY crm, pipeline, owner, currency "
                        + "ON CONFLICT (day, crm, pipeline, owner, currency) DO NOTHING")
                .execute(Tuple.of(day, crm.name())).map(rows -> rows.rowCount());
    }

    Uni<Boolean> hasSnapshot(Crm crm, java.time.LocalDate day) {
        return pool().preparedQuery("SELECT 1 FROM forecast_snapshot WHERE crm = $1 AND day = $2 LIMIT 1").execute(Tuple.of(crm.name(), day))
                .map(rows -> rows.size() > 0);
    }

    Uni<Void> audit(String actor, String action, Crm crm, Map<String, ?> detail) {
        return pool().preparedQuery("INSERT INTO audit_log (actor, action, crm, detail) VALUES ($1, $2, $3, $4::text::jsonb)")
                .execute(Tuple.of(actor, action, crm == null ? null : crm.name(), writeJson(detail))).replaceWithVoid();
    }

    /** Queue depths by table and status. */
    Uni<Map<String, Long>> depths(Crm crm) {
        return pool().preparedQuery("SELECT 'outbox.' || lower(status) AS k, count(*) AS n FROM outbox WHERE crm = $1 AND status <> 'WRITTEN' "
                        + "AND status <> 'SUPERSEDED' GROUP BY status UNION ALL SELECT 'inbox.' || lower(status), count(*) FROM inbox "
                        + "WHERE crm = $1 AND status <> 'DONE' GROUP BY status")
                .execute(Tuple.of(crm.name()))
                .map(rows -> {
                    Map<String, Long> depths = new LinkedHashMap<>();
                    for (String key : List.of("outbox.pending", "outbox.sending", "outbox.shadow", "outbox.dead", "inbox.pending", "inbox.dead")) {
                        depths.put(key, 0L);
                    }
                    for (Row row : rows) {
                        depths.put(row.getString("k"), row.getLong("n"));
                    }
                    return depths;
                });
    }
}

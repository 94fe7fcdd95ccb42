package io.stagegate.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.SyncCursor;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Commits processed pages: the state of each opportunity, its first-seen stage moves, the outbox rows its outputs need
 * and the page's progress (a cursor or inbox rows), in one transaction that holds the page's opportunities locked.
 */
@ApplicationScoped
public class PageStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredTransition.SkippedCriterion>> SKIPPED = new TypeReference<>() {
    };

    private final SyncStore store;

    public PageStore(SyncStore store) {
        this.store = store;
    }

    /**
     * In one transaction: locks the page's opportunities, reads what is known of them, lets {@code evaluate} decide
     * (on a worker thread: evaluating a page is CPU work, which must stay off the connection's event loop) and writes
     * what it decided with the page's progress.
     */
    Uni<List<Processed>> commit(Crm crm, List<String> ids, Function<Map<String, Prior>, List<Processed>> evaluate, String playbookSha,
            Progress progress) {
        return store.pool().withTransaction(conn -> (ids.isEmpty()
                        ? Uni.createFrom().item(Map.<String, Prior>of())
                        : lock(conn, crm, ids).chain(() -> priors(conn, crm, ids)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(evaluate)
                .call(processed -> apply(conn, crm, processed, playbookSha, progress)));
    }

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
    private static Uni<Void> lock(SqlConnection conn, Crm crm, List<String> ids) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended($1 || ':' || id, 0) AS h "
                        + "FROM unnest($2::text[]) AS id ORDER BY h) AS ordered")
                .execute(Tuple.of(crm.name(), ids.toArray(new String[0]))).replaceWithVoid();
    }

    private static Uni<Map<String, Prior>> priors(SqlConnection conn, Crm crm, List<String> ids) {
        String[] idArray = ids.toArray(new String[0]);
        Map<String, Prior.Builder> builders = new HashMap<>();
        // One statement, so one snapshot: the relay records a write (its outbox row WRITTEN, the state's written values)
        // in one transaction, and two reads could fall either side of its commit and see the write neither in flight nor
        // written, and queue it again.
        Uni<Void> statesAndOutbox = conn.preparedQuery("SELECT 'state' AS kind, opportunity_id, stage, modified_at, read_at, "
                        + "written_outputs::text AS written, written_at, NULL AS status, NULL AS outputs "
                        + "FROM opportunity_state WHERE crm = $1 AND opportunity_id = ANY($2) "
                        + "UNION ALL SELECT 'outbox', opportunity_id, NULL, NULL, NULL, NULL, NULL, status, outputs::text FROM outbox "
                        + "WHERE crm = $1 AND opportunity_id = ANY($2) AND status IN ('PENDING', 'SHADOW', 'SENDING')")
                .execute(Tuple.of(crm.name(), idArray))
                .invoke(rows -> {
                    for (Row row : rows) {
                        Prior.Builder builder = builders.computeIfAbsent(row.getString("opportunity_id"), id -> new Prior.Builder());
                        if ("state".equals(row.getString("kind"))) {
                            builder.stage = row.getString("stage");
                            builder.modifiedAt = SyncStore.instant(row.getOffsetDateTime("modified_at"));
                            builder.readAt = SyncStore.instant(row.getOffsetDateTime("read_at"));
                            builder.writtenOutputs = OutputValues.fromJson(row.getString("written"));
                            builder.writtenAt = SyncStore.instant(row.getOffsetDateTime("written_at"));
                            continue;
                        }
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
                                SyncStore.instant(row.getOffsetDateTime("moved_at")), row.getString("kind"), SyncStore.readJson(row.getString("stages"), STRINGS),
                                SyncStore.readJson(row.getString("criteria"), SKIPPED), row.getString("source"));
                        builder.transitions.put(transition.key(), transition);
                    }
                }).replaceWithVoid();
        return statesAndOutbox.chain(() -> transitions).map(ignored -> {
            Map<String, Prior> priors = new HashMap<>();
            builders.forEach((id, builder) -> priors.put(id, builder.build()));
            return priors;
        });
    }

    /** Writes what processing a page decided, and its progress, in the transaction of {@code conn}. */
    private static Uni<Void> apply(SqlConnection conn, Crm crm, List<Processed> results, String playbookSha, Progress progress) {
        List<Tuple> states = new ArrayList<>();
        List<Tuple> transitions = new ArrayList<>();
        List<Tuple> writes = new ArrayList<>();
        List<Tuple> clears = new ArrayList<>();
        for (Processed result : results) {
            if (result.disposition() == Processed.Disposition.STALE) {
                continue;
            }
            Processed.StateRow s = result.state();
            states.add(Tuple.tuple(SyncStore.listOf(crm.name(), s.id(), s.pipeline(), s.stage(), s.owner(), s.currency(), s.amount(), s.closeDate(),
                    s.status(), s.recordedStage(), s.qualifiedStage(), s.overStaged(), s.stageSkip(), s.recordedForecast(), s.qualifiedForecast(),
                    s.inputsJson(), s.evaluationJson(), s.crmOutputsJson(), s.desiredOutputsJson(), s.problem(), SyncStore.odt(s.modifiedAt()),
                    SyncStore.odt(s.readAt()), playbookSha)));
            for (StoredTransition t : result.newTransitions()) {
                transitions.add(Tuple.tuple(SyncStore.listOf(crm.name(), s.id(), s.pipeline(), s.owner(), t.fromStage(), t.toStage(), SyncStore.odt(t.movedAt()),
                        t.kind(), SyncStore.writeJson(t.skippedStages()), SyncStore.writeJson(t.skippedCriteria()), !t.skippedCriteria().isEmpty(), t.source())));
            }
            switch (result.outbox()) {
                case WRITE:
                case SHADOW:
                    writes.add(Tuple.tuple(SyncStore.listOf(crm.name(), s.id(), s.pipeline(), OutputValues.toJson(result.outputs()),
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
            chain = chain.chain(() -> SyncStore.saveCursor(conn, crm, progress.cursorKind(), progress.cursor()));
        }
        if (!progress.inboxIds().isEmpty()) {
            chain = chain.chain(() -> conn.preparedQuery("UPDATE inbox SET status = 'DONE', processed_at = now(), error = NULL WHERE id = ANY($1)")
                    .execute(Tuple.of(progress.inboxIds().toArray(new Long[0]))).replaceWithVoid());
        }
        return chain;
    }
}

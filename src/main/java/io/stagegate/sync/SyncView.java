package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only views over the sync tables for the API, metrics and health. */
@ApplicationScoped
public class SyncView {
    private static final Duration DB = Duration.ofSeconds(30);
    /** The status page answers with what this instance knows when the database does not answer within this. */
    private static final Duration STATUS = Duration.ofSeconds(5);

    private final SyncStore store;

    public SyncView(SyncStore store) {
        this.store = store;
    }

    /**
     * What the database holds of the sync, for the status page: cursors, queue depths, opportunity totals and the
     * forecast. Throws when the database is unreachable (each read gives up after a few seconds).
     */
    public Map<String, Object> stored(Crm crm) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("cursors", cursors(crm, STATUS));
        stored.put("queues", store.depths(crm).await().atMost(STATUS));
        stored.put("opportunities", totals(crm, STATUS));
        stored.put("forecast", forecast(crm, STATUS));
        return stored;
    }

    /** Recorded vs qualified forecast of open opportunities, per pipeline and currency. */
    public record ForecastRow(String pipeline, String currency, long open, long overStaged, BigDecimal recorded, BigDecimal qualified) {
    }

    public List<ForecastRow> forecast(Crm crm) {
        return forecast(crm, DB);
    }

    private List<ForecastRow> forecast(Crm crm, Duration timeout) {
        List<ForecastRow> rows = new ArrayList<>();
        for (Row row : store.pool().preparedQuery("SELECT coalesce(pipeline, '') AS pipeline, coalesce(currency, '') AS currency, count(*) AS open, "
                        + "count(*) FILTER (WHERE over_staged) AS over, coalesce(sum(recorded_forecast), 0) AS recorded, "
                        + "coalesce(sum(qualified_forecast), 0) AS qualified FROM opportunity_state WHERE crm = $1 AND status = 'OPEN' "
                        + "GROUP BY 1, 2 ORDER BY 1, 2")
                .execute(Tuple.of(crm.name())).await().atMost(timeout)) {
            rows.add(new ForecastRow(row.getString("pipeline"), row.getString("currency"), row.getLong("open"), row.getLong("over"),
                    row.getBigDecimal("recorded"), row.getBigDecimal("qualified")));
        }
        return rows;
    }

    /** How many opportunities are known, by status, and how many carry the over-staged and stage-skip flags. */
    public Map<String, Long> totals(Crm crm) {
        return totals(crm, DB);
    }

    private Map<String, Long> totals(Crm crm, Duration timeout) {
        Row row = store.pool().preparedQuery("SELECT count(*) AS known, count(*) FILTER (WHERE status = 'OPEN') AS open, "
                        + "count(*) FILTER (WHERE status = 'OPEN' AND over_staged) AS over_staged, count(*) FILTER (WHERE stage_skip) AS stage_skips, "
                        + "count(*) FILTER (WHERE status = 'UNMAPPED') AS unmapped, count(*) FILTER (WHERE status = 'DELETED') AS deleted, "
                        + "count(*) FILTER (WHERE written_at IS NOT NULL) AS written FROM opportunity_state WHERE crm = $1")
                .execute(Tuple.of(crm.name())).await().atMost(timeout).iterator().next();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String column : List.of("known", "open", "over_staged", "stage_skips", "unmapped", "deleted", "written")) {
            totals.put(column, row.getLong(column));
        }
        return totals;
    }

    public Map<String, Long> depths(Crm crm) {
        return store.depths(crm).await().atMost(DB);
    }

    /** A reader's saved position. */
    public Map<String, Object> cursors(Crm crm) {
        return cursors(crm, DB);
    }

    private Map<String, Object> cursors(Crm crm, Duration timeout) {
        Map<String, Object> cursors = new LinkedHashMap<>();
        for (Row row : store.pool().preparedQuery("SELECT kind, modified_at, last_id, until_at, started_at, completed_at, updated_at FROM sync_cursor "
                + "WHERE crm = $1 ORDER BY kind").execute(Tuple.of(crm.name())).await().atMost(timeout)) {
            Map<String, Object> cursor = new LinkedHashMap<>();
            cursor.put("modifiedAt", row.getOffsetDateTime("modified_at"));
            cursor.put("lastId", row.getString("last_id"));
            cursor.put("until", row.getOffsetDateTime("until_at"));
            cursor.put("startedAt", row.getOffsetDateTime("started_at"));
            cursor.put("completedAt", row.getOffsetDateTime("completed_at"));
            cursor.put("updatedAt", row.getOffsetDateTime("updated_at"));
            cursors.put(row.getString("kind"), cursor);
        }
        return cursors;
    }

    /** The newest dead letters: what the CRM refused, with its message. */
    public List<Map<String, Object>> deadLetters(Crm crm, int limit) {
        List<Map<String, Object>> letters = new ArrayList<>();
        for (Row row : store.pool().preparedQuery("SELECT id, opportunity_id, error_code, error_message, attempts, updated_at, outputs::text AS outputs "
                + "FROM outbox WHERE crm = $1 AND status = 'DEAD' ORDER BY updated_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(crm.name(), limit)).await().atMost(DB)) {
            Map<String, Object> letter = new LinkedHashMap<>();
            letter.put("id", row.getLong("id"));
            letter.put("opportunityId", row.getString("opportunity_id"));
            letter.put("code", row.getString("error_code"));
            letter.put("message", row.getString("error_message"));
            letter.put("attempts", row.getInteger("attempts"));
            letter.put("at", row.getOffsetDateTime("updated_at"));
            letter.put("values", OutputValues.fromJson(row.getString("outputs")));
            letters.add(letter);
        }
        return letters;
    }

    /** One opportunity as the sync engine knows it: state, evaluation, moves and write history; {@code null} if unknown. */
    public Map<String, Object> opportunity(Crm crm, String id) {
        var rows = store.pool().preparedQuery("SELECT opportunity_id, pipeline, stage, owner, currency, amount, close_date, status, recorded_stage, "
                + "qualified_stage, over_staged, stage_skip, recorded_forecast, qualified_forecast, inputs::text AS inputs, evaluation::text AS evaluation, "
                + "crm_outputs::text AS crm_outputs, desired_outputs::text AS desired, written_outputs::text AS written, written_at, problem, "
                + "modified_at, read_at, evaluated_at FROM opportunity_state WHERE crm = $1 AND opportunity_id = $2")
                .execute(Tuple.of(crm.name(), id)).await().atMost(DB);
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("crm", crm.name());
        view.put("id", row.getString("opportunity_id"));
        for (String column : List.of("pipeline", "stage", "owner", "currency", "status", "problem")) {
            view.put(column, row.getString(column));
        }
        view.put("amount", row.getBigDecimal("amount"));
        view.put("closeDate", row.getLocalDate("close_date"));
        view.put("recordedStage", row.getString("recorded_stage"));
        view.put("qualifiedStage", row.getString("qualified_stage"));
        view.put("overStaged", row.getBoolean("over_staged"));
        view.put("stageSkip", row.getBoolean("stage_skip"));
        view.put("recordedForecast", row.getBigDecimal("recorded_forecast"));
        view.put("qualifiedForecast", row.getBigDecimal("qualified_forecast"));
        view.put("evaluation", json(row.getString("evaluation")));
        view.put("inputs", json(row.getString("inputs")));
        view.put("crmHolds", json(row.getString("crm_outputs")));
        view.put("wanted", json(row.getString("desired")));
        view.put("lastWritten", json(row.getString("written")));
        view.put("lastWrittenAt", row.getOffsetDateTime("written_at"));
        view.put("modifiedAt", row.getOffsetDateTime("modified_at"));
        view.put("readAt", row.getOffsetDateTime("read_at"));
        view.put("evaluatedAt", row.getOffsetDateTime("evaluated_at"));
        List<Map<String, Object>> moves = new ArrayList<>();
        for (Row move : store.pool().preparedQuery("SELECT from_stage, to_stage, moved_at, kind, skipped_stages::text AS stages, "
                + "skipped_criteria::text AS criteria, source, observed_at FROM stage_transition WHERE crm = $1 AND opportunity_id = $2 ORDER BY moved_at")
                .execute(Tuple.of(crm.name(), id)).await().atMost(DB)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", move.getString("from_stage"));
            m.put("to", move.getString("to_stage"));
            m.put("at", move.getOffsetDateTime("moved_at"));
            m.put("kind", move.getString("kind"));
            m.put("skippedStages", json(move.getString("stages")));
            m.put("skippedCriteria", json(move.getString("criteria")));
            m.put("source", move.getString("source"));
            m.put("observedAt", move.getOffsetDateTime("observed_at"));
            moves.add(m);
        }
        view.put("moves", moves);
        List<Map<String, Object>> writes = new ArrayList<>();
        for (Row write : store.pool().preparedQuery("SELECT id, status, attempts, error_code, error_message, created_at, written_at, outputs::text AS outputs "
                + "FROM outbox WHERE crm = $1 AND opportunity_id = $2 ORDER BY id DESC LIMIT 20").execute(Tuple.of(crm.name(), id)).await().atMost(DB)) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("id", write.getLong("id"));
            w.put("status", write.getString("status"));
            w.put("attempts", write.getInteger("attempts"));
            w.put("code", write.getString("error_code"));
            w.put("message", write.getString("error_message"));
            w.put("queuedAt", write.getOffsetDateTime("created_at"));
            w.put("writtenAt", write.getOffsetDateTime("written_at"));
            w.put("values", json(write.getString("outputs")));
            writes.add(w);
        }
        view.put("writes", writes);
        return view;
    }

    private static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OutputValues.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return text;
        }
    }

    public static long secondsSince(Instant instant, Instant now) {
        return instant == null ? -1 : Duration.between(instant, now).toSeconds();
    }
}

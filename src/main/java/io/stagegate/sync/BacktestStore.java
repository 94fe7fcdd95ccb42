package io.stagegate.sync;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backtest runs and their quarters ({@code backtest_run}, {@code backtest_quarter}, V5): plain SQL on the reactive
 * client, awaited, since runs are driven from a worker thread and read from blocking resources. The database keeps the
 * one-at-a-time rule (a unique index over the unfinished runs), so it holds across instances.
 */
@ApplicationScoped
public class BacktestStore {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, crm, quarters, top_deals, state, requested_by, requested_at, started_at, finished_at, heartbeat_at, "
            + "retry_at, attempts, phase, opportunities, calls, untracked_fields, history_from, message, "
            + "(SELECT count(*) FROM backtest_quarter q WHERE q.run_id = backtest_run.id) AS quarters_done";

    private final Instance<Pool> pools;

    /** Looked up when first used (see {@link SyncStore}): sandbox mode runs without a database. */
    public BacktestStore(Instance<Pool> pools) {
        this.pools = pools;
    }

    /** One run as stored; {@code quartersDone} counts the quarters whose figures are stored. */
    public record Run(long id, String crm, int quarters, int top, String state, String requestedBy, Instant requestedAt, Instant startedAt,
                      Instant finishedAt, Instant heartbeatAt, Instant retryAt, int attempts, String phase, Integer opportunities, Integer calls,
                      List<String> untrackedFields, Instant historyFrom, String message, int quartersDone) {
        public boolean finished() {
            return "done".equals(state) || "failed".equals(state);
        }
    }

    /** What a start did: the new run, or the unfinished one that refused it. */
    public record Start(Run run, boolean started) {
    }

    Start start(String crm, int quarters, int top, String requestedBy) {
        try {
            RowSet<Row> rows = query("INSERT INTO backtest_run (crm, quarters, top_deals, requested_by) VALUES ($1, $2, $3, $4) RETURNING id",
                    crm, quarters, top, requestedBy);
            return new Start(run(rows.iterator().next().getLong("id")).orElseThrow(), true);
        } catch (PgException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSqlState())) {
                throw e;
            }
            Run running = unfinished().orElseThrow(() -> new IllegalStateException("a backtest was refused as running, but none is unfinished", e));
            return new Start(running, false);
        }
    }

    public Optional<Run> unfinished() {
        return first(query("SELECT " + COLUMNS + " FROM backtest_run WHERE state IN ('queued', 'running', 'waiting')"));
    }

    public Optional<Run> run(long id) {
        return first(query("SELECT " + COLUMNS + " FROM backtest_run WHERE id = $1", id));
    }

    /** The latest runs, newest first. */
    public List<Run> recent(int limit) {
        List<Run> runs = new ArrayList<>();
        query("SELECT " + COLUMNS + " FROM backtest_run ORDER BY id DESC LIMIT $1", limit).forEach(row -> runs.add(run(row)));
        return runs;
    }

    /**
     * Takes the unfinished run when nobody holds it: queued, waiting past its retry time, or running with a heartbeat
     * older than {@code lease} (its instance stopped). {@code SKIP LOCKED}: two instances never take the same run.
     */
    Optional<Run> claim(Duration lease) {
        RowSet<Row> rows = query("UPDATE backtest_run SET state = 'running', heartbeat_at = now(), retry_at = NULL, attempts = attempts + 1, "
                + "started_at = coalesce(started_at, now()) WHERE id = (SELECT id FROM backtest_run WHERE "
                + "(state = 'queued') OR (state = 'waiting' AND retry_at <= now()) "
                + "OR (state = 'running' AND heartbeat_at < now() - make_interval(secs => $1)) FOR UPDATE SKIP LOCKED) RETURNING id",
                (double) lease.toMillis() / 1000);
        return rows.size() == 0 ? Optional.empty() : run(rows.iterator().next().getLong("id"));
    }

    void heartbeat(long id) {
        query("UPDATE backtest_run SET heartbeat_at = now() WHERE id = $1 AND state = 'running'", id);
    }

    void phase(long id, String phase) {
        query("UPDATE backtest_run SET phase = $2, heartbeat_at = now() WHERE id = $1", id, phase);
    }

    /** What the history read found; the calls add up over a resumed run's reads. */
    void read(long id, int opportunities, int calls, List<String> untrackedFields, Instant historyFrom) {
        query("UPDATE backtest_run SET opportunities = $2, calls = coalesce(calls, 0) + $3, untracked_fields = $4, history_from = $5, "
                + "heartbeat_at = now() WHERE id = $1", id, opportunities, calls, untrackedFields.toArray(String[]::new), SyncStore.odt(historyFrom));
    }

    List<LocalDate> storedQuarters(long id) {
        List<LocalDate> days = new ArrayList<>();
        query("SELECT start_day FROM backtest_quarter WHERE run_id = $1 ORDER BY start_day", id).forEach(row -> days.add(row.getLocalDate("start_day")));
        return days;
    }

    /** Stores one quarter's figures; storing it again (a resumed run raced another) keeps the first. */
    void storeQuarter(long id, LocalDate start, String figures) {
        query("INSERT INTO backtest_quarter (run_id, start_day, figures) VALUES ($1, $2, $3::text::jsonb) ON CONFLICT DO NOTHING", id, start, figures);
    }

    /** The stored quarters' figures as JSON text, oldest first. */
    public Map<LocalDate, String> quarterFigures(long id) {
        Map<LocalDate, String> figures = new LinkedHashMap<>();
        query("SELECT start_day, figures::text AS figures FROM backtest_quarter WHERE run_id = $1 ORDER BY start_day", id)
                .forEach(row -> figures.put(row.getLocalDate("start_day"), row.getString("figures")));
        return figures;
    }

    void finish(long id, String state, String message) {
        query("UPDATE backtest_run SET state = $2, message = $3, finished_at = now(), heartbeat_at = NULL, phase = NULL WHERE id = $1", id, state,
                message);
    }

    /** Pauses a run until {@code retryAt}: any instance may take it up then. */
    void pause(long id, Instant retryAt, String message) {
        query("UPDATE backtest_run SET state = 'waiting', retry_at = $2, message = $3, heartbeat_at = NULL WHERE id = $1", id, SyncStore.odt(retryAt),
                message);
    }

    private RowSet<Row> query(String sql, Object... parameters) {
        return pools.get().preparedQuery(sql).execute(Tuple.from(Arrays.asList(parameters))).await().atMost(WAIT);
    }

    private static Optional<Run> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(run(rows.iterator().next()));
    }

    private static Run run(Row row) {
        String[] untracked = row.getArrayOfStrings("untracked_fields");
        return new Run(row.getLong("id"), row.getString("crm"), row.getInteger("quarters"), row.getInteger("top_deals"), row.getString("state"),
                row.getString("requested_by"), SyncStore.instant(row.getOffsetDateTime("requested_at")),
                SyncStore.instant(row.getOffsetDateTime("started_at")), SyncStore.instant(row.getOffsetDateTime("finished_at")),
                SyncStore.instant(row.getOffsetDateTime("heartbeat_at")), SyncStore.instant(row.getOffsetDateTime("retry_at")),
                row.getInteger("attempts"), row.getString("phase"), row.getInteger("opportunities"), row.getInteger("calls"),
                untracked == null ? List.of() : List.of(untracked), SyncStore.instant(row.getOffsetDateTime("history_from")), row.getString("message"),
                row.getLong("quarters_done").intValue());
    }
}

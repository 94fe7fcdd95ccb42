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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync engine's own tables besides the queues: reader positions ({@code sync_cursor}), forecast snapshots, the audit
 * log and the totals read from {@code opportunity_state}. Like the other stores ({@link PageStore}, {@link OutboxStore},
 * {@link InboxStore}) it speaks plain SQL on the reactive PostgreSQL client (upserts, SKIP LOCKED and batches say
 * exactly what they do), and every write is idempotent: replaying it changes nothing.
 */
@ApplicationScoped
public class SyncStore {
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

    static Uni<Void> saveCursor(SqlConnection conn, Crm crm, String kind, SyncCursor next) {
        // forward only: an instance that lost leadership without knowing cannot move a cursor back; ids in SyncCursor.ID_ORDER
        return conn.preparedQuery("INSERT INTO sync_cursor (crm, kind, modified_at, last_id) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (crm, kind) DO UPDATE SET modified_at = excluded.modified_at, last_id = excluded.last_id, updated_at = now() "
                        + "WHERE (sync_cursor.modified_at, length(sync_cursor.last_id), sync_cursor.last_id COLLATE \"C\") "
                        + "< (excluded.modified_at, length(excluded.last_id), excluded.last_id COLLATE \"C\")")
                .execute(Tuple.of(crm.name(), kind, odt(next.modifiedAt()), next.lastId())).replaceWithVoid();
    }

    static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return OutputValues.JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }

    static String writeJson(Object value) {
        try {
            return OutputValues.JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- snapshots, audit, status --------------------------------------------------------------------------------

    /**
     * Takes the day's forecast snapshot from the current state, once per day (a second call changes nothing): one row per
     * pipeline, owner, currency and close month, so a period's forecast can later be read as it stood on its first day.
     */
    Uni<Integer> snapshot(Crm crm, LocalDate day) {
        return pool().preparedQuery("INSERT INTO forecast_snapshot (day, crm, pipeline, owner, currency, close_month, open_count, over_staged_count, "
                        + "amount, recorded_forecast, qualified_forecast, won_amount) "
                        + "SELECT $1, crm, coalesce(pipeline, ''), coalesce(owner, ''), coalesce(currency, ''), coalesce(to_char(close_date, 'YYYY-MM'), ''), "
                        + "count(*) FILTER (WHERE status = 'OPEN'), count(*) FILTER (WHERE status = 'OPEN' AND over_staged), "
                        + "coalesce(sum(amount) FILTER (WHERE status = 'OPEN'), 0), coalesce(sum(recorded_forecast) FILTER (WHERE status = 'OPEN'), 0), "
                        + "coalesce(sum(qualified_forecast) FILTER (WHERE status = 'OPEN'), 0), "
                        + "coalesce(sum(amount) FILTER (WHERE status = 'WON' AND close_date = $1), 0) "
                        + "FROM opportunity_state WHERE crm = $2 AND (status = 'OPEN' OR (status = 'WON' AND close_date = $1)) "
                        + "GROUP BY crm, pipeline, owner, currency, 6 ON CONFLICT (day, crm, pipeline, owner, currency, close_month) DO NOTHING")
                .execute(Tuple.of(day, crm.name())).map(rows -> rows.rowCount());
    }

    Uni<Boolean> hasSnapshot(Crm crm, LocalDate day) {
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

    /** Whether opportunities were evaluated with another playbook than {@code sha256} (the playbook changed since). */
    Uni<Boolean> evaluatedWithOtherPlaybook(Crm crm, String sha256) {
        return pool().preparedQuery("SELECT EXISTS (SELECT 1 FROM opportunity_state WHERE crm = $1 AND playbook_sha256 <> $2) AS stale")
                .execute(Tuple.of(crm.name(), sha256)).map(rows -> rows.iterator().next().getBoolean("stale"));
    }

    /** Open, over-staged open and stage-skipping opportunities of a CRM. */
    record Totals(long open, long overStaged, long skips) {
    }

    Uni<Totals> totals(Crm crm) {
        return pool().preparedQuery("SELECT count(*) FILTER (WHERE status = 'OPEN') AS open, "
                        + "count(*) FILTER (WHERE status = 'OPEN' AND over_staged) AS over, count(*) FILTER (WHERE stage_skip) AS skips "
                        + "FROM opportunity_state WHERE crm = $1").execute(Tuple.of(crm.name()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Totals(row.getLong("open"), row.getLong("over"), row.getLong("skips"));
                });
    }

    /** A list that, unlike {@code List.of}, holds nulls (absent column values). */
    static List<Object> listOf(Object... values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value);
        }
        return list;
    }
}

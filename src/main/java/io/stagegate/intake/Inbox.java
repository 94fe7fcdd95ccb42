package io.stagegate.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The producer side of the {@code inbox} table: every event of one request in ONE multi-row
 * {@code INSERT ... ON CONFLICT (dedupe_key) DO NOTHING}, so a request's events are persisted together or not at all,
 * and a re-delivered event inserts nothing. The sync engine consumes the rows. The pool is looked up on first use:
 * in sandbox mode the datasource is inactive, and an injected pool would stop the start.
 */
@ApplicationScoped
public class Inbox {
    /** Rows per request; every endpoint refuses more events before it gets here (PostgreSQL allows 65,535 parameters). */
    static final int MAX_ROWS = 1_000;

    private final Instance<Pool> pools;
    private volatile Pool pool;

    public Inbox(Instance<Pool> pools) {
        this.pools = pools;
    }

    /** Inserts the events not yet in the inbox; events repeated within the request count as duplicates. */
    public Uni<Appended> append(InboxSource source, List<InboxEvent> events) {
        if (events.size() > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " events per request, got " + events.size());
        }
        List<InboxEvent> distinct = distinct(events);
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(new Appended(0, 0));
        }
        Tuple parameters = Tuple.of(source.crm().name(), source.channel());
        for (InboxEvent event : distinct) {
            parameters.addString(event.dedupeKey()).addArrayOfString(event.recordIds().toArray(String[]::new)).addString(event.payload());
        }
        return Uni.createFrom().deferred(() -> pool().preparedQuery(insert(distinct.size())).execute(parameters))
                .map(rows -> new Appended(rows.rowCount(), events.size() - rows.rowCount()));
    }

    private Pool pool() {
        Pool resolved = pool;
        if (resolved == null) {
            resolved = pools.get();
            pool = resolved;
        }
        return resolved;
    }

    private static List<InboxEvent> distinct(List<InboxEvent> events) {
        Set<String> keys = new HashSet<>();
        List<InboxEvent> distinct = new ArrayList<>(events.size());
        for (InboxEvent event : events) {
            if (keys.add(event.dedupeKey())) {
                distinct.add(event);
            }
        }
        return distinct;
    }

    /** {@code INSERT ... VALUES ($1, $2, $3, $4, $5), ($1, $2, $6, $7, $8) ...}: crm and source are shared. */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder(80 + rows * 24).append("INSERT INTO inbox (crm, source, dedupe_key, record_ids, payload) VALUES ");
        for (int row = 0; row < rows; row++) {
            int first = 3 + row * 3;
            sql.append(row == 0 ? "" : ", ").append("($1, $2, $").append(first).append(", $").append(first + 1).append(", $").append(first + 2).append(')');
        }
        return sql.append(" ON CONFLICT (dedupe_key) DO NOTHING").toString();
    }
}

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
 * and a re-delivered event inserts nothing. Requests that arrive while earlier inserts are running share the next
 * statement ({@link GroupCommit}). The sync engine consumes the rows. The pool is looked up on first use: in sandbox
 * mode the datasource is inactive, and an injected pool would stop the start.
 */
@ApplicationScoped
public class Inbox {
    /** Rows per request; every endpoint refuses more events before it gets here (PostgreSQL allows 65,535 parameters). */
    static final int MAX_ROWS = 1_000;
    /**
     * Inserts running at once. Two cores' worth of PostgreSQL is busy with two; the rest is headroom for the round trip.
     * Requests beyond them wait for the next statement, which is what makes it shared.
     */
    static final int MAX_INSERTS_IN_FLIGHT = 4;

    private final Instance<Pool> pools;
    private final GroupCommit commits;
    private volatile Pool pool;

    public Inbox(Instance<Pool> pools) {
        this.pools = pools;
        this.commits = new GroupCommit(MAX_INSERTS_IN_FLIGHT, MAX_ROWS, this::insert);
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
        return Uni.createFrom().emitter(caller -> commits.submit(new GroupCommit.Pending(source, distinct, events.size(), caller)));
    }

    /** One statement for the rows of one or more requests; the keys it inserted. */
    private Uni<Set<String>> insert(List<GroupCommit.Row> rows) {
        Tuple parameters = Tuple.tuple();
        for (GroupCommit.Row row : rows) {
            parameters.addString(row.source().crm().name()).addString(row.source().channel()).addString(row.event().dedupeKey())
                    .addArrayOfString(row.event().recordIds().toArray(String[]::new)).addString(row.event().payload());
        }
        return pool().preparedQuery(insert(rows.size())).execute(parameters).map(inserted -> {
            Set<String> keys = new HashSet<>();
            for (io.vertx.mutiny.sqlclient.Row row : inserted) {
                keys.add(row.getString(0));
            }
            return keys;
        });
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

    /** {@code INSERT ... VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10) ... RETURNING dedupe_key}. */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder(80 + rows * 32).append("INSERT INTO inbox (crm, source, dedupe_key, record_ids, payload) VALUES ");
        for (int row = 0; row < rows; row++) {
            int first = 1 + row * 5;
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < 5; column++) {
                sql.append(column == 0 ? "$" : ", $").append(first + column);
            }
            sql.append(')');
        }
        return sql.append(" ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key").toString();
    }
}

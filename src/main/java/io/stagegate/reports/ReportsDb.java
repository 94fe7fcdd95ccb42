package io.stagegate.reports;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;

/**
 * The database as the reports read it: plain SQL on the reactive PostgreSQL client, like the sync stores, awaited on
 * the worker thread that serves the request.
 */
@ApplicationScoped
public class ReportsDb {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Instance<Pool> pools;

    /** Looked up when first used (see {@code SyncStore}): sandbox mode runs without a database. */
    public ReportsDb(Instance<Pool> pools) {
        this.pools = pools;
    }

    RowSet<Row> query(String sql, List<Object> parameters) {
        return pools.get().preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT);
    }
}

package io.stagegate.testsupport;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Reads inbox rows back for assertions (on the test thread, never an event loop). */
public final class InboxRows {
    /** One row as the consumer will see it. */
    public record InboxRow(String crm, String source, String dedupeKey, List<String> recordIds, String payload, String status) {
    }

    private InboxRows() {
    }

    public static List<InboxRow> withKeys(Pool pool, Collection<String> keys) {
        return query(pool, "SELECT crm, source, dedupe_key, record_ids, payload, status FROM inbox WHERE dedupe_key = ANY($1) ORDER BY id",
                Tuple.of(keys.toArray(String[]::new)));
    }

    public static List<InboxRow> forRecord(Pool pool, String source, String recordId) {
        return query(pool, "SELECT crm, source, dedupe_key, record_ids, payload, status FROM inbox WHERE source = $1 AND $2 = ANY(record_ids) ORDER BY id",
                Tuple.of(source, recordId));
    }

    /** Waits until rows of this source whose payload contains {@code text} appear, and returns them (empty after the timeout). */
    public static List<InboxRow> awaitPayload(Pool pool, String source, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InboxRow> rows;
        do {
            rows = query(pool, "SELECT crm, source, dedupe_key, record_ids, payload, status FROM inbox WHERE source = $1 AND strpos(payload, $2) > 0 "
                    + "ORDER BY id", Tuple.of(source, text));
            if (!rows.isEmpty()) {
                return rows;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return rows;
    }

    private static List<InboxRow> query(Pool pool, String sql, Tuple parameters) {
        List<InboxRow> rows = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(parameters).await().atMost(Duration.ofSeconds(10))) {
            rows.add(new InboxRow(row.getString("crm"), row.getString("source"), row.getString("dedupe_key"),
                    Arrays.asList(row.getArrayOfStrings("record_ids")), row.getString("payload"), row.getString("status")));
        }
        return rows;
    }
}

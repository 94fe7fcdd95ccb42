package io.stagegate.intake;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Reads inbox rows back for assertions (on the test thread, never an event loop). */
final class InboxRows {
    /** One row as the consumer will see it. */
    record InboxRow(String crm, String source, String dedupeKey, List<String> recordIds, String payload, String status) {
    }

    private InboxRows() {
    }

    static List<InboxRow> withKeys(Pool pool, Collection<String> keys) {
        return query(pool, "SELECT crm, source, dedupe_key, record_ids, payload, status FROM inbox WHERE dedupe_key = ANY($1) ORDER BY id",
                Tuple.of(keys.toArray(String[]::new)));
    }

    static List<InboxRow> withKeyPrefix(Pool pool, String prefix) {
        return query(pool, "SELECT crm, source, dedupe_key, record_ids, payload, status FROM inbox WHERE starts_with(dedupe_key, $1) ORDER BY id",
                Tuple.of(prefix));
    }

    static List<InboxRow> forRecord(Pool pool, String source, String recordId) {
        return query(pool, "SELECT crm, source, dedupe_key, record_ids, payload, status FROM inbox WHERE source = $1 AND $2 = ANY(record_ids) ORDER BY id",
                Tuple.of(source, recordId));
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

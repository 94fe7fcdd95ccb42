package io.stagegate.sync;

import io.smallrye.mutiny.Uni;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The inbox: pushed change events (record ids) waiting to be read from the CRM, claimed under a lease. */
@ApplicationScoped
public class InboxStore {
    private final SyncStore store;

    public InboxStore(SyncStore store) {
        this.store = store;
    }

    /** One claimed inbox event. */
    record InboxRow(long id, Crm crm, List<String> recordIds, int attempts) {
    }

    /** Claims due inbox events; the claim holds them for {@code lease} (a worker that dies lets them fall due again). */
    Uni<List<InboxRow>> claimInbox(Crm crm, int limit, Duration lease) {
        return store.pool().withTransaction(conn -> conn.preparedQuery("UPDATE inbox SET attempts = attempts + 1, "
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
            tuples.add(Tuple.of(row.id(), row.attempts() >= maxAttempts ? "DEAD" : "PENDING", SyncStore.odt(retryAt), error));
        }
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.pool().preparedQuery("UPDATE inbox SET status = $2, next_attempt_at = $3, error = $4 WHERE id = $1 AND status = 'PENDING'")
                .executeBatch(tuples).replaceWithVoid();
    }
}

package io.stagegate.sync;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;

/** Test helpers over the sync tables (the database is shared by every test class). */
final class SyncTables {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SyncTables() {
    }

    static void clear(Pool pool) {
        pool.query("TRUNCATE sync_cursor, opportunity_state, stage_transition, inbox, outbox, forecast_snapshot, audit_log")
                .execute().await().atMost(WAIT);
    }

    static long outboxOpen(Pool pool) {
        return pool.query("SELECT count(*) AS n FROM outbox WHERE status IN ('PENDING', 'SENDING')").execute().await().atMost(WAIT)
                .iterator().next().getLong("n");
    }

    /** The records whose output fields differ from the engine's last decision for them (opportunity_state.desired_outputs). */
    static java.util.List<String> differFromDecisions(Pool pool, java.util.List<io.stagegate.crm.CrmOpportunity> records) {
        java.util.Map<String, String> desired = new java.util.HashMap<>();
        for (Row row : pool.query("SELECT opportunity_id, desired_outputs::text AS d FROM opportunity_state WHERE status <> 'DELETED'")
                .execute().await().atMost(WAIT)) {
            desired.put(row.getString("opportunity_id"), row.getString("d"));
        }
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (io.stagegate.crm.CrmOpportunity record : records) {
            String decided = desired.get(record.id());
            if (!record.deleted() && (decided == null || !OutputValues.same(OutputValues.fromJson(decided), record.fields()))) {
                wrong.add(record.id());
            }
        }
        return wrong;
    }

    /** A digest of everything the engine decided (not when): equal digests mean nothing changed. */
    static String fingerprint(Pool pool) {
        Row row = pool.query("SELECT "
                        + "(SELECT md5(coalesce(string_agg(opportunity_id || status || coalesce(qualified_stage, '') || desired_outputs::text "
                        + "|| crm_outputs::text, ',' ORDER BY opportunity_id), '')) FROM opportunity_state) AS state, "
                        + "(SELECT md5(coalesce(string_agg(opportunity_id || to_stage || moved_at::text || skipped_criteria::text, ',' "
                        + "ORDER BY opportunity_id, moved_at), '')) FROM stage_transition) AS moves, "
                        + "(SELECT md5(coalesce(string_agg(opportunity_id || status || outputs::text, ',' ORDER BY id), '')) FROM outbox) AS outbox")
                .execute().await().atMost(WAIT).iterator().next();
        return row.getString("state") + "/" + row.getString("moves") + "/" + row.getString("outbox");
    }
}

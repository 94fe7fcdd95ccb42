package io.stagegate.api;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of the sync tables written straight into the shared test database, so the leaders' figures are known by hand. */
final class LeaderData {
    static final String SHA = "0".repeat(64);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    LeaderData(Pool pool) {
        this.pool = pool;
    }

    void clear() {
        pool.query("TRUNCATE opportunity_state, stage_transition, forecast_snapshot, audit_log").execute().await().atMost(WAIT);
        pool.query("DELETE FROM playbook_version WHERE activated_by LIKE 'leader-test%'").execute().await().atMost(WAIT);
    }

    /** An opportunity as the sync stores it; {@code questions} with {@code unmet} labels make the evaluation's debrief part. */
    void opportunity(String crm, String id, String owner, String pipeline, String currency, String amount, LocalDate close, String status,
            boolean overStaged, String recorded, String qualified, List<String> unmet, List<String> questions) {
        StringBuilder verdicts = new StringBuilder("[");
        for (int i = 0; i < unmet.size(); i++) {
            verdicts.append(i == 0 ? "" : ",").append("{\"key\":\"c").append(i).append("\",\"label\":\"").append(unmet.get(i))
                    .append("\",\"stage\":").append(i + 1).append(",\"met\":false,\"observed\":\"empty\"}");
        }
        verdicts.append(unmet.isEmpty() ? "" : ",").append("{\"key\":\"ok\",\"label\":\"Met\",\"stage\":0,\"met\":true,\"observed\":\"2026-01-01\"}]");
        StringBuilder asked = new StringBuilder("[");
        for (int i = 0; i < questions.size(); i++) {
            asked.append(i == 0 ? "" : ",").append('"').append(questions.get(i).replace("\"", "\\\"")).append('"');
        }
        asked.append(']');
        String evaluation = "{\"verdicts\":" + verdicts + ",\"debriefQuestions\":" + asked + "}";
        List<Object> values = new ArrayList<>(Arrays.asList(crm, id, pipeline, "Stage of " + id, owner, currency, decimal(amount), close, status,
                "recorded_key", "qualified_key", overStaged, decimal(recorded), decimal(qualified), evaluation, SHA));
        pool.preparedQuery("INSERT INTO opportunity_state (crm, opportunity_id, pipeline, stage, owner, currency, amount, close_date, status, "
                + "recorded_stage, qualified_stage, over_staged, recorded_forecast, qualified_forecast, evaluation, modified_at, read_at, evaluated_at, "
                + "playbook_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::jsonb, now(), now(), now(), $16)")
                .execute(Tuple.from(values)).await().atMost(WAIT);
    }

    void move(String id, String owner, String from, String to, String at, String kind, String skippedStages, String skippedCriteria) {
        pool.preparedQuery("INSERT INTO stage_transition (crm, opportunity_id, pipeline, owner, from_stage, to_stage, moved_at, kind, skipped_stages, "
                        + "skipped_criteria, skipped_criteria_flag, source) VALUES ('SALESFORCE', $1, 'new', $2, $3, $4, $5, $6, $7::text::jsonb, "
                        + "$8::text::jsonb, $9, 'history')")
                .execute(Tuple.from(Arrays.asList(id, owner, from, to, OffsetDateTime.parse(at), kind, skippedStages, skippedCriteria,
                        !"[]".equals(skippedCriteria))))
                .await().atMost(WAIT);
    }

    void snapshot(LocalDate day, String owner, String currency, String closeMonth, String recorded, String qualified) {
        pool.preparedQuery("INSERT INTO forecast_snapshot (day, crm, pipeline, owner, currency, close_month, open_count, over_staged_count, amount, "
                        + "recorded_forecast, qualified_forecast, won_amount) VALUES ($1, 'SALESFORCE', 'new', $2, $3, $4, 1, 0, $5, $5, $6, 0)")
                .execute(Tuple.from(Arrays.asList(day, owner, currency, closeMonth, decimal(recorded), decimal(qualified)))).await().atMost(WAIT);
    }

    void audit(String at, String actor, String action, String detail) {
        pool.preparedQuery("INSERT INTO audit_log (at, actor, action, crm, detail) VALUES ($1, $2, $3, 'SALESFORCE', $4::text::jsonb)")
                .execute(Tuple.of(OffsetDateTime.parse(at), actor, action, detail)).await().atMost(WAIT);
    }

    long playbookVersion(String at, String actor) {
        return pool.preparedQuery("INSERT INTO playbook_version (name, crm, source, sha256, content, activated_by, activated_at) "
                        + "VALUES ('default', 'SALESFORCE', 'test', $1, 'pipelines: []', $2, $3) RETURNING id")
                .execute(Tuple.of("1".repeat(64), actor, OffsetDateTime.parse(at))).await().atMost(WAIT).iterator().next().getLong("id");
    }

    /** A version as PlaybookVersions writes one for an admin's activation or rollback: how, why, and restored from which. */
    long playbookVersion(String at, String actor, String action, String reason, Long restoredFrom) {
        return pool.preparedQuery("INSERT INTO playbook_version (name, crm, source, sha256, content, activated_by, activated_at, action, reason, "
                        + "restored_from) VALUES ('default', 'SALESFORCE', 'test', $1, 'pipelines: []', $2, $3, $4, $5, $6) RETURNING id")
                .execute(Tuple.from(Arrays.asList("2".repeat(64), actor, OffsetDateTime.parse(at), action, reason, restoredFrom)))
                .await().atMost(WAIT).iterator().next().getLong("id");
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}

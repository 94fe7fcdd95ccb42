package io.stagegate.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Who did what, and when, newest first: one list over every table that records an action. Each source is a SELECT of the
 * same seven columns; a new kind of action is one more entry in {@link #SOURCES}, and an action written to
 * {@code audit_log} needs none.
 */
@ApplicationScoped
public class AuditTrail {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * (at, source, id, actor, action, crm, detail): {@code audit_log} holds sweeps, manual polls and dead-letter replays
     * (sync); {@code playbook_version} has one row per playbook activated, with who, when, how (a file recorded at
     * start, an admin's activation, or a rollback to the content of an earlier version) and the admin's reason.
     */
    static final List<String> SOURCES = List.of(
            "SELECT at, 'audit' AS source, id, actor, action, crm, detail FROM audit_log",
            "SELECT activated_at, 'playbook', id, activated_by, "
                    + "CASE action WHEN 'rollback' THEN 'playbook.rolled-back' ELSE 'playbook.activated' END, crm, "
                    + "jsonb_strip_nulls(jsonb_build_object('version', id, 'name', name, 'source', source, 'sha256', sha256, "
                    + "'activation', action, 'reason', reason, 'restoredFrom', restored_from)) FROM playbook_version");

    private final ReportsDb db;

    public AuditTrail(ReportsDb db) {
        this.db = db;
    }

    /** What to list: all fields optional; {@code action} matches an action or its prefix before a dot ({@code playbook}, {@code sweep}). */
    public record Filter(String crm, String actor, String action, java.time.LocalDate from, java.time.LocalDate until) {
    }

    public record Entry(String id, Instant at, String actor, String action, String crm, JsonNode detail) {
    }

    public Page<Entry> entries(Filter filter, int limit, List<String> after) {
        Sql sql = new Sql().and("crm = ?", filter.crm()).and("actor = ?", filter.actor());
        if (filter.action() != null) {
            sql.andEach("(action = ? OR starts_with(action, ?))", filter.action(), filter.action() + ".");
        }
        sql.and("at >= ?", filter.from() == null ? null : filter.from().atStartOfDay().atOffset(ZoneOffset.UTC))
                .and("at < ?", filter.until() == null ? null : filter.until().atStartOfDay().atOffset(ZoneOffset.UTC));
        if (after != null) {
            sql.andEach("(at, source, id) < (?, ?, ?)", OffsetDateTime.parse(after.get(0)), after.get(1), Long.parseLong(after.get(2)));
        }
        String union = String.join(" UNION ALL ", SOURCES);
        List<Entry> entries = new ArrayList<>();
        for (Row row : db.query("SELECT at, source, id, actor, action, crm, detail::text AS detail FROM (" + union + ") e" + sql.where()
                + " ORDER BY at DESC, source DESC, id DESC LIMIT " + sql.param(limit + 1), sql.parameters())) {
            entries.add(new Entry(row.getString("source") + ":" + row.getLong("id"), row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                    row.getString("action"), row.getString("crm"), parse(row.getString("detail"))));
        }
        return Page.of(entries, limit, entry -> {
            String[] id = entry.id().split(":", 2);
            return List.of(entry.at().atOffset(ZoneOffset.UTC).toString(), id[0], id[1]);
        });
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored audit detail is unreadable: " + e.getMessage(), e);
        }
    }
}

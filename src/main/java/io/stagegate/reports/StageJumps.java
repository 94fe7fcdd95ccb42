package io.stagegate.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stage moves worth a leader's question, from {@code stage_transition}: forward moves that skipped exit criteria or whole
 * stages, and regressions, each frozen as it was judged when first observed. Newest first.
 */
@ApplicationScoped
public class StageJumps {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Skipped>> SKIPPED = new TypeReference<>() {
    };

    private final ReportsDb db;

    public StageJumps(ReportsDb db) {
        this.db = db;
    }

    /** Which moves to list. */
    public enum Type {
        SKIPPED_CRITERIA("skipped_criteria_flag"),
        SKIPPED_STAGES("jsonb_array_length(skipped_stages) > 0"),
        REGRESSION("kind = 'REGRESSION'");

        private final String condition;

        Type(String condition) {
            this.condition = condition;
        }

        /** {@code skipped-criteria}, {@code skipped-stages}, {@code regression}, as written in a query. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A criterion unmet when the move was observed (as {@code sync/StoredTransition} stores it). */
    public record Skipped(String key, String label, int stageIndex, String observed) {
    }

    public record Jump(long id, String opportunityId, String owner, String pipeline, String from, String to, Instant movedAt, String kind,
            List<String> skippedStages, List<Skipped> skippedCriteria, String source) {
        public boolean regression() {
            return "REGRESSION".equals(kind);
        }
    }

    public Page<Jump> jumps(ReportFilter filter, Set<Type> types, int limit, List<String> after) {
        Sql sql = new Sql().and("crm = ?", filter.crm().name()).and("owner = ?", filter.owner()).and("pipeline = ?", filter.pipeline());
        List<String> any = new ArrayList<>();
        for (Type type : types.isEmpty() ? EnumSet.allOf(Type.class) : types) {
            any.add(type.condition);
        }
        sql.and("(" + String.join(" OR ", any) + ")");
        if (filter.period() != null) {
            sql.andEach("moved_at >= ? AND moved_at < ?", utc(filter.period().start()), utc(filter.period().end()));
        }
        if (after != null) {
            sql.andEach("(moved_at, id) < (?, ?)", OffsetDateTime.parse(after.get(0)), Long.parseLong(after.get(1)));
        }
        List<Jump> jumps = new ArrayList<>();
        for (Row row : db.query("SELECT id, opportunity_id, owner, pipeline, from_stage, to_stage, moved_at, kind, skipped_stages::text AS stages, "
                + "skipped_criteria::text AS criteria, source FROM stage_transition" + sql.where() + " ORDER BY moved_at DESC, id DESC LIMIT "
                + sql.param(limit + 1), sql.parameters())) {
            jumps.add(new Jump(row.getLong("id"), row.getString("opportunity_id"), row.getString("owner"), row.getString("pipeline"),
                    row.getString("from_stage"), row.getString("to_stage"), row.getOffsetDateTime("moved_at").toInstant(), row.getString("kind"),
                    read(row.getString("stages"), STRINGS), read(row.getString("criteria"), SKIPPED), row.getString("source")));
        }
        return Page.of(jumps, limit, jump -> List.of(jump.movedAt().atOffset(ZoneOffset.UTC).toString(), String.valueOf(jump.id())));
    }

    private static OffsetDateTime utc(java.time.LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored stage move is unreadable: " + e.getMessage(), e);
        }
    }
}

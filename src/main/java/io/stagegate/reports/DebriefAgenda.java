package io.stagegate.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The qualification debrief agenda: per owner, the open opportunities with unmet exit criteria, the largest forecast
 * impact (recorded minus qualified forecast) first, each with the questions to ask, as the last evaluation stored them.
 * Impacts of different currencies are ordered by their numbers alone; filter by currency for a converted-free ranking.
 */
@ApplicationScoped
public class DebriefAgenda {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMPACT = "(coalesce(recorded_forecast, 0) - coalesce(qualified_forecast, 0))";

    private final ReportsDb db;

    public DebriefAgenda(ReportsDb db) {
        this.db = db;
    }

    /** A criterion the opportunity does not meet: its key, label, the journey stage index it belongs to, what was seen. */
    public record Unmet(String key, String label, int stage, String observed) {
    }

    public record Item(String owner, String opportunityId, String pipeline, String stage, String recordedStage, String qualifiedStage,
            String currency, BigDecimal amount, LocalDate closeDate, BigDecimal recordedForecast, BigDecimal qualifiedForecast, BigDecimal impact,
            List<Unmet> unmetCriteria, List<String> questions) {
    }

    public Page<Item> agenda(ReportFilter filter, int limit, List<String> after) {
        Sql sql = new Sql().and("crm = ?", filter.crm().name()).and("status = 'OPEN'")
                .and("jsonb_array_length(coalesce(evaluation -> 'debriefQuestions', '[]'::jsonb)) > 0")
                .and("owner = ?", filter.owner()).and("pipeline = ?", filter.pipeline()).and("currency = ?", filter.currency());
        if (filter.period() != null) {
            sql.andEach("close_date >= ? AND close_date < ?", filter.period().start(), filter.period().end());
        }
        if (after != null) {
            sql.andEach("(coalesce(owner, ''), -" + IMPACT + ", opportunity_id) > (?, ?::numeric, ?)", after.get(0),
                    new BigDecimal(after.get(1)).negate(), after.get(2));
        }
        String query = "SELECT coalesce(owner, '') AS owner, opportunity_id, pipeline, stage, recorded_stage, qualified_stage, currency, amount, "
                + "close_date, recorded_forecast, qualified_forecast, " + IMPACT + " AS impact, evaluation::text AS evaluation FROM opportunity_state"
                + sql.where() + " ORDER BY coalesce(owner, ''), -" + IMPACT + ", opportunity_id LIMIT " + sql.param(limit + 1);
        List<Item> items = new ArrayList<>();
        for (Row row : db.query(query, sql.parameters())) {
            JsonNode evaluation = parse(row.getString("evaluation"));
            List<Unmet> unmet = new ArrayList<>();
            for (JsonNode verdict : evaluation.path("verdicts")) {
                if (!verdict.path("met").asBoolean(true)) {
                    unmet.add(new Unmet(verdict.path("key").asText(), verdict.path("label").asText(), verdict.path("stage").asInt(),
                            verdict.path("observed").isNull() ? null : verdict.path("observed").asText(null)));
                }
            }
            List<String> questions = new ArrayList<>();
            evaluation.path("debriefQuestions").forEach(question -> questions.add(question.asText()));
            items.add(new Item(row.getString("owner"), row.getString("opportunity_id"), row.getString("pipeline"), row.getString("stage"),
                    row.getString("recorded_stage"), row.getString("qualified_stage"), row.getString("currency"), row.getBigDecimal("amount"),
                    row.getLocalDate("close_date"), row.getBigDecimal("recorded_forecast"), row.getBigDecimal("qualified_forecast"),
                    row.getBigDecimal("impact"), unmet, questions));
        }
        return Page.of(items, limit, item -> List.of(item.owner(), item.impact().toPlainString(), item.opportunityId()));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored evaluation is unreadable: " + e.getMessage(), e);
        }
    }
}

package io.stagegate.reports;

import io.stagegate.forecast.Period;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded vs qualified forecast of the open opportunities, and what closed won, from {@code opportunity_state}: per
 * owner, close-date period, pipeline and currency (currencies are never added together).
 */
@ApplicationScoped
public class ForecastRollups {
    /** Where opportunities without a close date sort: after every dated period. */
    private static final LocalDate UNDATED = LocalDate.of(9999, 12, 31);
    private static final String FIGURES = "count(*) FILTER (WHERE status = 'OPEN') AS open, "
            + "count(*) FILTER (WHERE status = 'OPEN' AND over_staged) AS over, "
            + "coalesce(sum(amount) FILTER (WHERE status = 'OPEN'), 0) AS amount, "
            + "coalesce(sum(recorded_forecast) FILTER (WHERE status = 'OPEN'), 0) AS recorded, "
            + "coalesce(sum(qualified_forecast) FILTER (WHERE status = 'OPEN'), 0) AS qualified, "
            + "coalesce(sum(amount) FILTER (WHERE status = 'WON'), 0) AS won";

    private final ReportsDb db;

    public ForecastRollups(ReportsDb db) {
        this.db = db;
    }

    /** One rollup; {@code period} is null for open opportunities without a close date. */
    public record Rollup(String owner, Period period, String pipeline, String currency, long open, long overStaged, BigDecimal amount,
            BigDecimal recorded, BigDecimal qualified, BigDecimal won) {
        /** How much of the recorded forecast rests on unmet exit criteria. */
        public BigDecimal gap() {
            return recorded.subtract(qualified);
        }
    }

    /** The same figures added up per currency over everything the filter selects. */
    public record Total(String currency, long open, long overStaged, BigDecimal amount, BigDecimal recorded, BigDecimal qualified,
            BigDecimal won) {
        public BigDecimal gap() {
            return recorded.subtract(qualified);
        }
    }

    public Page<Rollup> rollup(ReportFilter filter, Period.Unit by, int limit, List<String> after) {
        Sql sql = where(filter);
        String unit = sql.param(by.key());
        String grouped = "SELECT coalesce(owner, '') AS owner, coalesce(date_trunc(" + unit + ", close_date::timestamp)::date, DATE '9999-12-31') AS period, "
                + "coalesce(pipeline, '') AS pipeline, coalesce(currency, '') AS currency, " + FIGURES + " FROM opportunity_state" + sql.where()
                + " GROUP BY 1, 2, 3, 4";
        String keyset = "";
        if (after != null) {
            keyset = " WHERE (g.owner, g.period, g.pipeline, g.currency) > (" + sql.param(after.get(0)) + ", " + sql.param(LocalDate.parse(after.get(1)))
                    + ", " + sql.param(after.get(2)) + ", " + sql.param(after.get(3)) + ")";
        }
        String query = "SELECT * FROM (" + grouped + ") g" + keyset + " ORDER BY g.owner, g.period, g.pipeline, g.currency LIMIT " + sql.param(limit + 1);
        List<Rollup> rows = new ArrayList<>();
        for (Row row : db.query(query, sql.parameters())) {
            LocalDate start = row.getLocalDate("period");
            rows.add(new Rollup(row.getString("owner"), start.equals(UNDATED) ? null : new Period(by, start), row.getString("pipeline"),
                    row.getString("currency"), row.getLong("open"), row.getLong("over"), row.getBigDecimal("amount"), row.getBigDecimal("recorded"),
                    row.getBigDecimal("qualified"), row.getBigDecimal("won")));
        }
        return Page.of(rows, limit, r -> List.of(r.owner(), (r.period() == null ? UNDATED : r.period().start()).toString(), r.pipeline(), r.currency()));
    }

    public List<Total> totals(ReportFilter filter) {
        Sql sql = where(filter);
        List<Total> totals = new ArrayList<>();
        for (Row row : db.query("SELECT coalesce(currency, '') AS currency, " + FIGURES + " FROM opportunity_state"
                + sql.where() + " GROUP BY 1 ORDER BY 1", sql.parameters())) {
            totals.add(new Total(row.getString("currency"), row.getLong("open"), row.getLong("over"), row.getBigDecimal("amount"),
                    row.getBigDecimal("recorded"), row.getBigDecimal("qualified"), row.getBigDecimal("won")));
        }
        return totals;
    }

    /** Open and won opportunities of the filter; a period selects close dates in it. */
    private static Sql where(ReportFilter filter) {
        Sql sql = new Sql().and("crm = ?", filter.crm().name()).and("status IN ('OPEN', 'WON')")
                .and("owner = ?", filter.owner()).and("pipeline = ?", filter.pipeline()).and("currency = ?", filter.currency());
        if (filter.period() != null) {
            sql.andEach("close_date >= ? AND close_date < ?", filter.period().start(), filter.period().end());
        }
        return sql;
    }
}

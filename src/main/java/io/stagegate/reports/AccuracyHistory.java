package io.stagegate.reports;

import io.stagegate.forecast.Accuracy;
import io.stagegate.forecast.Period;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecast accuracy of closed periods. The forecast of a period is what the daily snapshot of its first day (or, when
 * none was taken that day, its earliest snapshot in the period) held for the opportunities closing in the period; the
 * actual is what closed won in it according to {@code opportunity_state} (the current truth, which also counts wins
 * synced after the day they closed). Per owner and in total, per currency.
 */
@ApplicationScoped
public class AccuracyHistory {
    private final ReportsDb db;

    public AccuracyHistory(ReportsDb db) {
        this.db = db;
    }

    /** One owner's figures in one period and currency, or the total of all owners ({@code owner} null). */
    public record Line(Period period, LocalDate forecastAsOf, String owner, String currency, BigDecimal won, Accuracy recorded, Accuracy qualified) {
        public boolean total() {
            return owner == null;
        }
    }

    /**
     * The closed periods of {@code by} that have snapshots, newest first, at most {@code limit} periods per page, each with
     * its lines; {@code filter.period()} keeps the periods that start in it, and only periods ended before {@code today}
     * count.
     */
    public Page<Line> closedPeriods(ReportFilter filter, Period.Unit by, LocalDate today, int limit, List<String> after) {
        Sql sql = new Sql().and("crm = ?", filter.crm().name());
        String unit = sql.param(by.key());
        String start = "date_trunc(" + unit + ", day::timestamp)::date";
        sql.and(start + " < ?", Period.containing(by, today).start());
        if (filter.period() != null) {
            sql.andEach(start + " >= ? AND " + start + " < ?", filter.period().start(), filter.period().end());
        }
        if (after != null) {
            sql.and(start + " < ?", LocalDate.parse(after.get(0)));
        }
        List<LocalDate> starts = new ArrayList<>();
        List<LocalDate> asOf = new ArrayList<>();
        for (Row row : db.query("SELECT " + start + " AS start, min(day) AS as_of FROM forecast_snapshot" + sql.where()
                + " GROUP BY 1 ORDER BY 1 DESC LIMIT " + sql.param(limit + 1), sql.parameters())) {
            starts.add(row.getLocalDate("start"));
            asOf.add(row.getLocalDate("as_of"));
        }
        List<String> next = null;
        if (starts.size() > limit) {
            starts = starts.subList(0, limit);
            asOf = asOf.subList(0, limit);
            next = List.of(starts.get(limit - 1).toString());
        }
        return new Page<>(starts.isEmpty() ? List.of() : lines(filter, by, starts, asOf), next);
    }

    private List<Line> lines(ReportFilter filter, Period.Unit by, List<LocalDate> starts, List<LocalDate> asOf) {
        String filters = "(%1$s.owner = $5 OR $5::text IS NULL) AND (%1$s.pipeline = $6 OR $6::text IS NULL) AND (%1$s.currency = $7 OR $7::text IS NULL)";
        String query = "WITH p AS (SELECT * FROM unnest($2::date[], $3::date[]) AS p(start, as_of)), "
                + "f AS (SELECT p.start, s.owner, s.currency, sum(s.recorded_forecast) AS recorded, sum(s.qualified_forecast) AS qualified "
                + "FROM p JOIN forecast_snapshot s ON s.crm = $1 AND s.day = p.as_of AND s.close_month <> '' "
                + "AND s.close_month >= to_char(p.start, 'YYYY-MM') AND s.close_month < to_char(p.start + make_interval(months => $4), 'YYYY-MM') "
                + "WHERE " + String.format(filters, "s") + " GROUP BY 1, 2, 3), "
                + "a AS (SELECT p.start, coalesce(o.owner, '') AS owner, coalesce(o.currency, '') AS currency, sum(o.amount) AS won "
                + "FROM p JOIN opportunity_state o ON o.crm = $1 AND o.status = 'WON' AND o.close_date >= p.start "
                + "AND o.close_date < p.start + make_interval(months => $4) WHERE " + String.format(filters, "o") + " GROUP BY 1, 2, 3) "
                + "SELECT start, owner, currency, coalesce(f.recorded, 0) AS recorded, coalesce(f.qualified, 0) AS qualified, coalesce(a.won, 0) AS won "
                + "FROM f FULL JOIN a USING (start, owner, currency) ORDER BY start DESC, currency, owner";
        List<Object> parameters = new ArrayList<>(List.of(filter.crm().name(), starts.toArray(new LocalDate[0]), asOf.toArray(new LocalDate[0]),
                by.months()));
        parameters.add(filter.owner());
        parameters.add(filter.pipeline());
        parameters.add(filter.currency());
        Map<LocalDate, LocalDate> asOfByStart = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            asOfByStart.put(starts.get(i), asOf.get(i));
        }
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (Row row : db.query(query, parameters)) {
            Period period = new Period(by, row.getLocalDate("start"));
            String currency = row.getString("currency");
            Totals total = totals.computeIfAbsent(period.start() + "/" + currency, k -> new Totals(period, currency));
            total.add(row);
            total.owners.add(line(period, asOfByStart.get(period.start()), row.getString("owner"), currency, row.getBigDecimal("won"),
                    row.getBigDecimal("recorded"), row.getBigDecimal("qualified")));
        }
        List<Line> lines = new ArrayList<>();
        for (Totals total : totals.values()) {
            lines.add(line(total.period, asOfByStart.get(total.period.start()), null, total.currency, total.won, total.recorded, total.qualified));
            lines.addAll(total.owners);
        }
        return lines;
    }

    private static Line line(Period period, LocalDate asOf, String owner, String currency, BigDecimal won, BigDecimal recorded, BigDecimal qualified) {
        return new Line(period, asOf, owner, currency, won, Accuracy.of(recorded, won), Accuracy.of(qualified, won));
    }

    /** The sums of one period and currency over its owners, and the owners' own lines. */
    private static final class Totals {
        final Period period;
        final String currency;
        final List<Line> owners = new ArrayList<>();
        BigDecimal won = BigDecimal.ZERO;
        BigDecimal recorded = BigDecimal.ZERO;
        BigDecimal qualified = BigDecimal.ZERO;

        Totals(Period period, String currency) {
            this.period = period;
            this.currency = currency;
        }

        void add(Row row) {
            won = won.add(row.getBigDecimal("won"));
            recorded = recorded.add(row.getBigDecimal("recorded"));
            qualified = qualified.add(row.getBigDecimal("qualified"));
        }
    }
}

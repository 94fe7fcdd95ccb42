package io.stagegate.api;

import io.stagegate.forecast.Accuracy;
import io.stagegate.forecast.BiasSummary;
import io.stagegate.forecast.Period;
import io.stagegate.reports.AccuracyHistory;
import io.stagegate.reports.ForecastRollups;
import io.stagegate.reports.Page;
import io.stagegate.reports.ReportFilter;
import io.stagegate.security.Roles;
import io.stagegate.sync.SyncEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The forecast a sales leader reads: recorded vs qualified by owner, period, pipeline and currency, and its accuracy. */
@Path("/api/forecast")
@RolesAllowed(Roles.VIEWER)
@Produces({MediaType.APPLICATION_JSON, Listing.CSV})
@Tag(name = "Leaders", description = "Read-only views for sales leaders; every list pages and exports as CSV")
public class ForecastResource {
    static final int MAX_ROWS = 500;
    static final int MAX_CSV_ROWS = 5_000;
    static final int MAX_PERIODS = 40;

    private final ForecastRollups rollups;
    private final AccuracyHistory accuracy;
    private final SyncEngine engine;
    private final Clock clock;

    public ForecastResource(ForecastRollups rollups, AccuracyHistory accuracy, SyncEngine engine, Clock clock) {
        this.rollups = rollups;
        this.accuracy = accuracy;
        this.engine = engine;
        this.clock = clock;
    }

    /** One rollup as JSON; {@code period} is null for open opportunities without a close date. */
    public record RollupView(String owner, String period, LocalDate periodStart, String pipeline, String currency, long open, long overStaged,
            BigDecimal amount, BigDecimal recorded, BigDecimal qualified, BigDecimal gap, BigDecimal won) {
        static RollupView of(ForecastRollups.Rollup r) {
            return new RollupView(r.owner(), r.period() == null ? null : r.period().label(), r.period() == null ? null : r.period().start(),
                    r.pipeline(), r.currency(), r.open(), r.overStaged(), r.amount(), r.recorded(), r.qualified(), r.gap(), r.won());
        }
    }

    public record TotalView(String currency, long open, long overStaged, BigDecimal amount, BigDecimal recorded, BigDecimal qualified, BigDecimal gap,
            BigDecimal won) {
        static TotalView of(ForecastRollups.Total t) {
            return new TotalView(t.currency(), t.open(), t.overStaged(), t.amount(), t.recorded(), t.qualified(), t.gap(), t.won());
        }
    }

    private static final CsvTable<ForecastRollups.Rollup> ROLLUP_CSV = new CsvTable<>(List.of(
            new CsvTable.Column<>("owner", ForecastRollups.Rollup::owner),
            new CsvTable.Column<>("period", r -> r.period() == null ? null : r.period().label()),
            new CsvTable.Column<>("pipeline", ForecastRollups.Rollup::pipeline),
            new CsvTable.Column<>("currency", ForecastRollups.Rollup::currency),
            new CsvTable.Column<>("open", ForecastRollups.Rollup::open),
            new CsvTable.Column<>("over_staged", ForecastRollups.Rollup::overStaged),
            new CsvTable.Column<>("amount", ForecastRollups.Rollup::amount),
            new CsvTable.Column<>("recorded_forecast", ForecastRollups.Rollup::recorded),
            new CsvTable.Column<>("qualified_forecast", ForecastRollups.Rollup::qualified),
            new CsvTable.Column<>("gap", ForecastRollups.Rollup::gap),
            new CsvTable.Column<>("won", ForecastRollups.Rollup::won)));

    @GET
    @Operation(summary = "Recorded vs qualified forecast of open opportunities, and closed won, by owner, close-date period, pipeline and "
            + "currency, with the gap (recorded − qualified); totals per currency over the whole selection")
    @APIResponse(responseCode = "200", description = "A page of rollups ordered by owner, period, pipeline, currency", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "quarter", value = LeaderExamples.FORECAST)),
            @Content(mediaType = Listing.CSV, examples = @ExampleObject(name = "csv", value = LeaderExamples.FORECAST_CSV))})
    @APIResponse(responseCode = "400", description = "A parameter out of bounds, named in errors[].parameter")
    public Response forecast(
            @Parameter(description = "salesforce or hubspot; default the CRM of the active playbook") @QueryParam("crm") String crm,
            @Parameter(description = "Close-date period to group by: month, quarter (default) or year") @QueryParam("by") String by,
            @Parameter(description = "Only close dates in this period: 2026, 2026-Q4 or 2026-11") @QueryParam("period") String period,
            @Parameter(description = "Only this owner") @QueryParam("owner") String owner,
            @Parameter(description = "Only this pipeline (record type / HubSpot pipeline)") @QueryParam("pipeline") String pipeline,
            @Parameter(description = "Only this currency (ISO code)") @QueryParam("currency") String currency,
            @Parameter(description = "Rows per page: 1-500 (default 100); CSV 1-5000 (default 5000)") @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "json or csv; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Listing.Format as = Listing.format(format, headers);
        ReportFilter filter = filter(crm, period, owner, pipeline, currency);
        Period.Unit unit = Listing.unit(by, Period.Unit.QUARTER);
        int rows = as == Listing.Format.CSV ? Listing.limit(limit, MAX_CSV_ROWS, MAX_CSV_ROWS) : Listing.limit(limit, 100, MAX_ROWS);
        List<String> after = Listing.after(cursor, "forecast-" + unit.key(), Listing.Part.TEXT, Listing.Part.DATE, Listing.Part.TEXT,
                Listing.Part.TEXT);
        Page<ForecastRollups.Rollup> page = rollups.rollup(filter, unit, rows, after);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("crm", filter.crm().name());
        extra.put("by", unit.key());
        extra.put("totals", as == Listing.Format.JSON ? rollups.totals(filter).stream().map(TotalView::of).toList() : List.of());
        return Listing.respond(as, "forecast-" + unit.key(), page, RollupView::of, ROLLUP_CSV, extra, uri);
    }

    // --- accuracy -------------------------------------------------------------------------------------------------

    /** A forecast set against the actual: HubSpot's accuracy, the signed error, and which way it missed. */
    public record Score(BigDecimal forecast, BigDecimal accuracy, BigDecimal error, String bias) {
        static Score of(Accuracy a) {
            return new Score(a.forecast(), a.accuracy(), a.error(), a.bias().name().toLowerCase(Locale.ROOT));
        }
    }

    /** One owner's accuracy in a period and currency; {@code owner} null and {@code total} true for the sum of all owners. */
    public record AccuracyView(String period, LocalDate start, LocalDate end, LocalDate forecastAsOf, boolean total, String owner, String currency,
            BigDecimal won, Score recorded, Score qualified) {
        static AccuracyView of(AccuracyHistory.Line line) {
            return new AccuracyView(line.period().label(), line.period().start(), line.period().end(), line.forecastAsOf(), line.total(), line.owner(),
                    line.currency(), line.won(), Score.of(line.recorded()), Score.of(line.qualified()));
        }
    }

    /** A rep's lean over the periods of the page: per basis, how often over or under, and the summed forecast's accuracy. */
    public record Lean(int over, int under, int exact, BigDecimal won, Score summed) {
        static Lean of(BiasSummary summary) {
            return new Lean(summary.over(), summary.under(), summary.exact(), summary.combined().actual(), Score.of(summary.combined()));
        }
    }

    public record RepBias(String owner, String currency, int periods, Lean recorded, Lean qualified) {
    }

    /** Each owner's lean per currency over the lines of the page (whole periods). */
    static List<RepBias> biases(List<AccuracyHistory.Line> lines) {
        Map<String, List<AccuracyHistory.Line>> byRep = new TreeMap<>();
        for (AccuracyHistory.Line line : lines) {
            if (!line.total()) {
                byRep.computeIfAbsent(line.owner() + "\u0000" + line.currency(), k -> new ArrayList<>()).add(line);
            }
        }
        List<RepBias> biases = new ArrayList<>();
        for (List<AccuracyHistory.Line> rep : byRep.values()) {
            AccuracyHistory.Line first = rep.get(0);
            biases.add(new RepBias(first.owner(), first.currency(), rep.size(),
                    Lean.of(BiasSummary.of(rep.stream().map(AccuracyHistory.Line::recorded).toList())),
                    Lean.of(BiasSummary.of(rep.stream().map(AccuracyHistory.Line::qualified).toList()))));
        }
        return biases;
    }

    private static final CsvTable<AccuracyHistory.Line> ACCURACY_CSV = new CsvTable<>(List.of(
            new CsvTable.Column<>("period", l -> l.period().label()),
            new CsvTable.Column<>("forecast_as_of", l -> l.forecastAsOf().toString()),
            new CsvTable.Column<>("owner", l -> l.total() ? "(all owners)" : l.owner()),
            new CsvTable.Column<>("currency", AccuracyHistory.Line::currency),
            new CsvTable.Column<>("won", AccuracyHistory.Line::won),
            new CsvTable.Column<>("recorded_forecast", l -> l.recorded().forecast()),
            new CsvTable.Column<>("recorded_accuracy", l -> l.recorded().accuracy()),
            new CsvTable.Column<>("recorded_error", l -> l.recorded().error()),
            new CsvTable.Column<>("recorded_bias", l -> l.recorded().bias().name().toLowerCase(Locale.ROOT)),
            new CsvTable.Column<>("qualified_forecast", l -> l.qualified().forecast()),
            new CsvTable.Column<>("qualified_accuracy", l -> l.qualified().accuracy()),
            new CsvTable.Column<>("qualified_error", l -> l.qualified().error()),
            new CsvTable.Column<>("qualified_bias", l -> l.qualified().bias().name().toLowerCase(Locale.ROOT))));

    @GET
    @Path("/accuracy")
    @Operation(summary = "Forecast accuracy of closed periods: recorded and qualified forecast as of the period's first snapshot against "
            + "what closed won in it, per owner and in total per currency; accuracy max(0, 1 − |A − F| / A), signed error (F − A) / A, "
            + "bias over/under/exact; reps: each owner's lean over the periods of the page")
    @APIResponse(responseCode = "200", description = "The newest closed periods first; a page holds whole periods", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "quarter", value = LeaderExamples.ACCURACY)),
            @Content(mediaType = Listing.CSV, examples = @ExampleObject(name = "csv", value = LeaderExamples.ACCURACY_CSV))})
    @APIResponse(responseCode = "400", description = "A parameter out of bounds, named in errors[].parameter")
    public Response accuracy(
            @Parameter(description = "salesforce or hubspot; default the CRM of the active playbook") @QueryParam("crm") String crm,
            @Parameter(description = "Period length: month, quarter (default) or year") @QueryParam("by") String by,
            @Parameter(description = "Only periods starting in this one: 2026, 2026-Q4 or 2026-11") @QueryParam("period") String period,
            @Parameter(description = "Only this owner (the total is then this owner's)") @QueryParam("owner") String owner,
            @Parameter(description = "Only this pipeline") @QueryParam("pipeline") String pipeline,
            @Parameter(description = "Only this currency") @QueryParam("currency") String currency,
            @Parameter(description = "Periods per page: 1-40 (default 8)") @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "json or csv; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Listing.Format as = Listing.format(format, headers);
        ReportFilter filter = filter(crm, period, owner, pipeline, currency);
        Period.Unit unit = Listing.unit(by, Period.Unit.QUARTER);
        int periods = Listing.limit(limit, 8, MAX_PERIODS);
        List<String> after = Listing.after(cursor, "accuracy-" + unit.key(), Listing.Part.DATE);
        Page<AccuracyHistory.Line> page = accuracy.closedPeriods(filter, unit, LocalDate.now(clock), periods, after);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("crm", filter.crm().name());
        extra.put("by", unit.key());
        extra.put("reps", biases(page.items()));
        return Listing.respond(as, "accuracy-" + unit.key(), page, AccuracyView::of, ACCURACY_CSV, extra, uri);
    }

    private ReportFilter filter(String crm, String period, String owner, String pipeline, String currency) {
        String o = Listing.text("owner", owner);
        String p = Listing.text("pipeline", pipeline);
        String c = Listing.text("currency", currency);
        Period in = Listing.period(period);
        return new ReportFilter(Listing.crm(crm, engine), o, p, c, in);
    }
}

package io.stagegate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.security.Roles;
import io.stagegate.sync.BacktestQuarterView;
import io.stagegate.sync.BacktestRuns;
import io.stagegate.sync.BacktestStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Backtests (docs/backtest.md): an admin starts one, it runs in the background, and anyone with the viewer role reads
 * its progress and, per quarter, pipeline and currency, the reconstructed recorded and qualified forecast against what
 * closed won. Every figure is labelled as reconstructed from the CRM's history.
 */
@Path("/api/backtest")
@RolesAllowed(Roles.VIEWER)
@Produces({MediaType.APPLICATION_JSON, Listing.CSV})
@Tag(name = "Backtest", description = "Past quarters rebuilt from the CRM's history: recorded vs qualified forecast vs closed won")
public class BacktestResource {
    static final int DEFAULT_QUARTERS = 4;
    static final int DEFAULT_TOP = 10;
    static final int MAX_LISTED = 20;
    static final String RECONSTRUCTED = "Reconstructed from the CRM's own history (not from snapshots Stagegate took): each opportunity rebuilt as it stood "
            + "at the start of each quarter's first day and judged with the active playbook; owner, pipeline and currency are today's.";

    private final BacktestRuns runs;
    private final BacktestStore store;
    private final ObjectMapper json;

    public BacktestResource(BacktestRuns runs, BacktestStore store, ObjectMapper json) {
        this.runs = runs;
        this.store = store;
        this.json = json;
    }

    /** A run's state and progress, without its figures. */
    public record RunView(long id, String crm, String state, String phase, int quarters, int top, String requestedBy, Instant requestedAt,
                          Instant startedAt, Instant finishedAt, Instant retryAt, int attempts, int quartersDone, Integer opportunities, Integer calls,
                          List<String> untrackedFields, Instant historyFrom, String message) {
        static RunView of(BacktestStore.Run run) {
            return new RunView(run.id(), run.crm(), run.state(), run.phase(), run.quarters(), run.top(), run.requestedBy(), run.requestedAt(),
                    run.startedAt(), run.finishedAt(), run.retryAt(), run.attempts(), run.quartersDone(), run.opportunities(), run.calls(),
                    run.untrackedFields(), run.historyFrom(), run.message());
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Start a backtest of the active playbook's CRM in the background: the last N closed quarters (default 4) rebuilt from the "
            + "CRM's history; 202 with the run, 409 with the unfinished run when one exists")
    @APIResponse(responseCode = "202", description = "The run, queued; follow its Location")
    @APIResponse(responseCode = "409", description = "A backtest is unfinished (the body's run), or no connector can read history")
    @APIResponse(responseCode = "400", description = "quarters or top out of bounds, named in errors[].parameter")
    public Response start(
            @Parameter(description = "Closed quarters to rebuild, 1-8 (default 4)") @QueryParam("quarters") String quarters,
            @Parameter(description = "Opportunities that explain the difference, listed per pipeline and currency, 0-50 (default 10)")
            @QueryParam("top") String top,
            @Context SecurityContext caller, @Context UriInfo uri) {
        int count = bounded("quarters", quarters, DEFAULT_QUARTERS, 1, BacktestRuns.MAX_QUARTERS);
        int deals = bounded("top", top, DEFAULT_TOP, 0, BacktestRuns.MAX_TOP);
        BacktestStore.Start start;
        try {
            start = runs.start(count, deals, caller.getUserPrincipal() == null ? "api" : "api:" + caller.getUserPrincipal().getName());
        } catch (IllegalStateException e) {
            return problem(Response.Status.CONFLICT, "No backtest can run", e.getMessage(), null);
        }
        if (!start.started()) {
            return problem(Response.Status.CONFLICT, "A backtest is running", "backtest " + start.run().id() + " is " + start.run().state()
                    + "; one runs at a time: follow it, or wait until it is done", RunView.of(start.run()));
        }
        return Response.accepted(RunView.of(start.run())).location(uri.getAbsolutePathBuilder().path(Long.toString(start.run().id())).build())
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Operation(summary = "The latest backtests (at most 20), newest first, and the unfinished one if any")
    public Map<String, Object> list() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("running", store.unfinished().map(RunView::of).orElse(null));
        body.put("items", store.recent(MAX_LISTED).stream().map(RunView::of).toList());
        return body;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One backtest: its progress and, per quarter, pipeline and currency (total and per owner), the recorded and qualified "
            + "forecast of the first day against what closed won, each with HubSpot's accuracy and the signed error, the part resting on values "
            + "without history, and the opportunities that explain the difference most. ?format=csv: one row per quarter, pipeline, currency and owner")
    @APIResponse(responseCode = "404", description = "No backtest with this id")
    public Response one(@PathParam("id") String id, @Parameter(description = "json or csv; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        Listing.Format as = Listing.format(format, headers);
        long number;
        try {
            number = Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return problem(Response.Status.NOT_FOUND, "Unknown backtest", "'" + Quote.prefix(id, 40) + "' is not a backtest id", null);
        }
        BacktestStore.Run run = store.run(number).orElse(null);
        if (run == null) {
            return problem(Response.Status.NOT_FOUND, "Unknown backtest", "there is no backtest " + number, null);
        }
        Map<java.time.LocalDate, String> stored = store.quarterFigures(number);
        if (as == Listing.Format.CSV) {
            List<Row> rows = new ArrayList<>();
            stored.values().forEach(text -> rows.addAll(Row.of(read(text, BacktestQuarterView.class))));
            return Response.ok(CSV.write(rows).getBytes(StandardCharsets.UTF_8), Listing.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"backtest-" + number + ".csv\"").build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reconstructed", true);
        body.put("about", RECONSTRUCTED);
        body.put("run", RunView.of(run));
        List<JsonNode> quarters = new ArrayList<>();
        stored.values().forEach(text -> quarters.add(read(text, JsonNode.class)));
        body.put("quarters", quarters);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** One CSV row: a pipeline's total (owner empty) or one owner's figures. */
    record Row(String quarter, String pipeline, String currency, BacktestQuarterView.Figures figures) {
        static List<Row> of(BacktestQuarterView quarter) {
            List<Row> rows = new ArrayList<>();
            for (BacktestQuarterView.Pipeline pipeline : quarter.pipelines()) {
                rows.add(new Row(quarter.quarter(), pipeline.pipeline(), pipeline.currency(), pipeline.total()));
                pipeline.owners().forEach(owner -> rows.add(new Row(quarter.quarter(), pipeline.pipeline(), pipeline.currency(), owner)));
            }
            return rows;
        }
    }

    private static final CsvTable<Row> CSV = new CsvTable<>(List.of(
            new CsvTable.Column<>("quarter", Row::quarter),
            new CsvTable.Column<>("pipeline", Row::pipeline),
            new CsvTable.Column<>("currency", Row::currency),
            new CsvTable.Column<>("owner", row -> row.figures().owner()),
            new CsvTable.Column<>("recorded_forecast", row -> row.figures().recordedForecast()),
            new CsvTable.Column<>("qualified_forecast", row -> row.figures().qualifiedForecast()),
            new CsvTable.Column<>("closed_won", row -> row.figures().closedWon()),
            new CsvTable.Column<>("forecast_deals", row -> row.figures().forecastDeals()),
            new CsvTable.Column<>("won_deals", row -> row.figures().wonDeals()),
            new CsvTable.Column<>("recorded_accuracy", row -> row.figures().recordedAccuracy().accuracy()),
            new CsvTable.Column<>("recorded_error", row -> row.figures().recordedAccuracy().error()),
            new CsvTable.Column<>("qualified_accuracy", row -> row.figures().qualifiedAccuracy().accuracy()),
            new CsvTable.Column<>("qualified_error", row -> row.figures().qualifiedAccuracy().error()),
            new CsvTable.Column<>("qualified_on_unknown", row -> row.figures().qualifiedOnUnknown()),
            new CsvTable.Column<>("deals_on_unknown", row -> row.figures().dealsOnUnknown())));

    private static int bounded(String parameter, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the bounds
        }
        throw new BadParameterException(parameter, parameter + " must be a whole number from " + min + " to " + max + ", not " + Quote.of(text));
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored backtest figures are unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static Response problem(Response.Status status, String title, String detail, RunView run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        if (run != null) {
            body.put("run", run);
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}

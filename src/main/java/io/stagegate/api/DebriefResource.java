package io.stagegate.api;

import io.stagegate.reports.DebriefAgenda;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The qualification debrief agenda: what to ask each owner about, the deals that move the forecast most first. */
@Path("/api/debrief")
@RolesAllowed(Roles.VIEWER)
@Produces({MediaType.APPLICATION_JSON, Listing.CSV})
@Tag(name = "Leaders")
public class DebriefResource {
    private final DebriefAgenda agenda;
    private final SyncEngine engine;

    public DebriefResource(DebriefAgenda agenda, SyncEngine engine) {
        this.agenda = agenda;
        this.engine = engine;
    }

    private static final CsvTable<DebriefAgenda.Item> CSV = new CsvTable<>(List.of(
            new CsvTable.Column<>("owner", DebriefAgenda.Item::owner),
            new CsvTable.Column<>("opportunity_id", DebriefAgenda.Item::opportunityId),
            new CsvTable.Column<>("pipeline", DebriefAgenda.Item::pipeline),
            new CsvTable.Column<>("stage", DebriefAgenda.Item::stage),
            new CsvTable.Column<>("recorded_stage", DebriefAgenda.Item::recordedStage),
            new CsvTable.Column<>("qualified_stage", DebriefAgenda.Item::qualifiedStage),
            new CsvTable.Column<>("currency", DebriefAgenda.Item::currency),
            new CsvTable.Column<>("amount", DebriefAgenda.Item::amount),
            new CsvTable.Column<>("close_date", i -> i.closeDate() == null ? null : i.closeDate().toString()),
            new CsvTable.Column<>("recorded_forecast", DebriefAgenda.Item::recordedForecast),
            new CsvTable.Column<>("qualified_forecast", DebriefAgenda.Item::qualifiedForecast),
            new CsvTable.Column<>("impact", DebriefAgenda.Item::impact),
            new CsvTable.Column<>("unmet_criteria", i -> i.unmetCriteria().stream().map(DebriefAgenda.Unmet::label).collect(Collectors.joining("\n"))),
            new CsvTable.Column<>("questions", i -> String.join("\n", i.questions()))));

    @GET
    @Operation(summary = "Debrief agenda: per owner, open opportunities with unmet exit criteria, the largest forecast impact "
            + "(recorded − qualified forecast) first, each with the questions to ask")
    @APIResponse(responseCode = "200", description = "A page ordered by owner, impact (largest first), opportunity id", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "agenda", value = LeaderExamples.DEBRIEF)),
            @Content(mediaType = Listing.CSV, examples = @ExampleObject(name = "csv", value = LeaderExamples.DEBRIEF_CSV))})
    @APIResponse(responseCode = "400", description = "A parameter out of bounds, named in errors[].parameter")
    public Response debrief(
            @Parameter(description = "salesforce or hubspot; default the CRM of the active playbook") @QueryParam("crm") String crm,
            @Parameter(description = "Only this owner") @QueryParam("owner") String owner,
            @Parameter(description = "Only this pipeline") @QueryParam("pipeline") String pipeline,
            @Parameter(description = "Only this currency") @QueryParam("currency") String currency,
            @Parameter(description = "Only close dates in this period: 2026, 2026-Q4 or 2026-11") @QueryParam("period") String period,
            @Parameter(description = "Opportunities per page: 1-500 (default 100); CSV 1-5000 (default 5000)") @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "json or csv; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Listing.Format as = Listing.format(format, headers);
        String o = Listing.text("owner", owner);
        String p = Listing.text("pipeline", pipeline);
        String c = Listing.text("currency", currency);
        ReportFilter filter = new ReportFilter(Listing.crm(crm, engine), o, p, c, Listing.period(period));
        int rows = as == Listing.Format.CSV ? Listing.limit(limit, ForecastResource.MAX_CSV_ROWS, ForecastResource.MAX_CSV_ROWS)
                : Listing.limit(limit, 100, ForecastResource.MAX_ROWS);
        List<String> after = Listing.after(cursor, "debrief", Listing.Part.TEXT, Listing.Part.DECIMAL, Listing.Part.TEXT);
        return Listing.respond(as, "debrief", agenda.agenda(filter, rows, after), item -> item, CSV, Map.of("crm", filter.crm().name()), uri);
    }
}

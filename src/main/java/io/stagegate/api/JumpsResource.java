package io.stagegate.api;

import io.stagegate.reports.ReportFilter;
import io.stagegate.reports.StageJumps;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stage moves a leader asks about: jumps that skipped exit criteria or stages, and regressions. */
@Path("/api/jumps")
@RolesAllowed(Roles.VIEWER)
@Produces({MediaType.APPLICATION_JSON, Listing.CSV})
@Tag(name = "Leaders")
public class JumpsResource {
    private final StageJumps jumps;
    private final SyncEngine engine;

    public JumpsResource(StageJumps jumps, SyncEngine engine) {
        this.jumps = jumps;
        this.engine = engine;
    }

    /** One move as JSON: the flags spelled out beside the details. */
    public record JumpView(long id, String opportunityId, String owner, String pipeline, String from, String to, Instant movedAt, String kind,
            boolean skippedCriteria, boolean skippedStages, boolean regression, List<String> skippedStageKeys, List<StageJumps.Skipped> unmetCriteria,
            String source) {
        static JumpView of(StageJumps.Jump j) {
            return new JumpView(j.id(), j.opportunityId(), j.owner(), j.pipeline(), j.from(), j.to(), j.movedAt(), j.kind(),
                    !j.skippedCriteria().isEmpty(), !j.skippedStages().isEmpty(), j.regression(), j.skippedStages(), j.skippedCriteria(), j.source());
        }
    }

    private static final CsvTable<StageJumps.Jump> CSV = new CsvTable<>(List.of(
            new CsvTable.Column<>("moved_at", j -> j.movedAt().toString()),
            new CsvTable.Column<>("owner", StageJumps.Jump::owner),
            new CsvTable.Column<>("opportunity_id", StageJumps.Jump::opportunityId),
            new CsvTable.Column<>("pipeline", StageJumps.Jump::pipeline),
            new CsvTable.Column<>("from", StageJumps.Jump::from),
            new CsvTable.Column<>("to", StageJumps.Jump::to),
            new CsvTable.Column<>("kind", StageJumps.Jump::kind),
            new CsvTable.Column<>("skipped_stages", j -> String.join(" ", j.skippedStages())),
            new CsvTable.Column<>("unmet_criteria", j -> j.skippedCriteria().stream().map(StageJumps.Skipped::label).collect(Collectors.joining("\n"))),
            new CsvTable.Column<>("source", StageJumps.Jump::source)));

    @GET
    @Operation(summary = "Stage moves that skipped exit criteria or whole stages, and regressions, newest first, each as judged when first observed")
    @APIResponse(responseCode = "200", description = "A page of moves, newest first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "jumps", value = LeaderExamples.JUMPS)),
            @Content(mediaType = Listing.CSV, examples = @ExampleObject(name = "csv", value = LeaderExamples.JUMPS_CSV))})
    @APIResponse(responseCode = "400", description = "A parameter out of bounds, named in errors[].parameter")
    public Response jumps(
            @Parameter(description = "salesforce or hubspot; default the CRM of the active playbook") @QueryParam("crm") String crm,
            @Parameter(description = "skipped-criteria, skipped-stages, regression; repeat or separate with commas (default all three)")
            @QueryParam("type") List<String> type,
            @Parameter(description = "Only this owner") @QueryParam("owner") String owner,
            @Parameter(description = "Only this pipeline") @QueryParam("pipeline") String pipeline,
            @Parameter(description = "Only moves in this period (UTC): 2026, 2026-Q4 or 2026-11") @QueryParam("period") String period,
            @Parameter(description = "Moves per page: 1-500 (default 100); CSV 1-5000 (default 5000)") @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "json or csv; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Listing.Format as = Listing.format(format, headers);
        Set<StageJumps.Type> types = types(type);
        String o = Listing.text("owner", owner);
        String p = Listing.text("pipeline", pipeline);
        ReportFilter filter = new ReportFilter(Listing.crm(crm, engine), o, p, null, Listing.period(period));
        int rows = as == Listing.Format.CSV ? Listing.limit(limit, ForecastResource.MAX_CSV_ROWS, ForecastResource.MAX_CSV_ROWS)
                : Listing.limit(limit, 100, ForecastResource.MAX_ROWS);
        List<String> after = Listing.after(cursor, "jumps", Listing.Part.TIMESTAMP, Listing.Part.LONG);
        return Listing.respond(as, "jumps", jumps.jumps(filter, types, rows, after), JumpView::of, CSV, Map.of("crm", filter.crm().name()), uri);
    }

    private static Set<StageJumps.Type> types(List<String> given) {
        Set<StageJumps.Type> types = EnumSet.noneOf(StageJumps.Type.class);
        for (String list : given) {
            for (String name : list.split(",", -1)) {
                StageJumps.Type found = null;
                for (StageJumps.Type t : StageJumps.Type.values()) {
                    found = t.key().equalsIgnoreCase(name.trim()) ? t : found;
                }
                if (found == null) {
                    throw new BadParameterException("type", "type must be skipped-criteria, skipped-stages or regression, not " + Quote.of(name));
                }
                types.add(found);
            }
        }
        return types;
    }
}

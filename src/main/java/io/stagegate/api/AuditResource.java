package io.stagegate.api;

import io.stagegate.forecast.Period;
import io.stagegate.reports.AuditTrail;
import io.stagegate.security.Roles;
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
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who changed what, and when: playbook activations, sweeps, manual polls, dead-letter replays. */
@Path("/api/audit")
@RolesAllowed(Roles.VIEWER)
@Produces({MediaType.APPLICATION_JSON, Listing.CSV})
@Tag(name = "Leaders")
public class AuditResource {
    private final AuditTrail trail;

    public AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    private static final CsvTable<AuditTrail.Entry> CSV = new CsvTable<>(List.of(
            new CsvTable.Column<>("at", e -> e.at().toString()),
            new CsvTable.Column<>("actor", AuditTrail.Entry::actor),
            new CsvTable.Column<>("action", AuditTrail.Entry::action),
            new CsvTable.Column<>("crm", AuditTrail.Entry::crm),
            new CsvTable.Column<>("id", AuditTrail.Entry::id),
            new CsvTable.Column<>("detail", e -> e.detail().toString())));

    @GET
    @Operation(summary = "Audit trail, newest first: playbook activations and rollbacks (who, when, which version, why), sweeps requested or started, "
            + "manual polls, dead-letter replays")
    @APIResponse(responseCode = "200", description = "A page of entries, newest first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "audit", value = LeaderExamples.AUDIT)),
            @Content(mediaType = Listing.CSV, examples = @ExampleObject(name = "csv", value = LeaderExamples.AUDIT_CSV))})
    @APIResponse(responseCode = "400", description = "A parameter out of bounds, named in errors[].parameter")
    public Response audit(
            @Parameter(description = "Only this CRM: salesforce or hubspot (default all)") @QueryParam("crm") String crm,
            @Parameter(description = "Only this actor (api:<token name>, system, …)") @QueryParam("actor") String actor,
            @Parameter(description = "Only this action or family: playbook, sweep, poll, dead-letters, sweep.requested, …") @QueryParam("action")
            String action,
            @Parameter(description = "Only entries in this period (UTC): 2026, 2026-Q4 or 2026-11") @QueryParam("period") String period,
            @Parameter(description = "Entries per page: 1-500 (default 100); CSV 1-5000 (default 5000)") @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "json or csv; else the Accept header decides") @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Listing.Format as = Listing.format(format, headers);
        String crmName = null;
        if (crm != null) {
            if (!List.of("salesforce", "hubspot").contains(crm.toLowerCase(Locale.ROOT))) {
                throw new BadParameterException("crm", "crm must be salesforce or hubspot, not " + Quote.of(crm));
            }
            crmName = crm.toUpperCase(Locale.ROOT);
        }
        Period in = Listing.period(period);
        AuditTrail.Filter filter = new AuditTrail.Filter(crmName, Listing.text("actor", actor), Listing.text("action", action),
                in == null ? null : in.start(), in == null ? null : in.end());
        int rows = as == Listing.Format.CSV ? Listing.limit(limit, ForecastResource.MAX_CSV_ROWS, ForecastResource.MAX_CSV_ROWS)
                : Listing.limit(limit, 100, ForecastResource.MAX_ROWS);
        List<String> after = Listing.after(cursor, "audit", Listing.Part.TIMESTAMP, Listing.Part.TEXT, Listing.Part.LONG);
        return Listing.respond(as, "audit", trail.entries(filter, rows, after), entry -> entry, CSV, Map.of(), uri);
    }
}

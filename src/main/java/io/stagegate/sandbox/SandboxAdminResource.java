package io.stagegate.sandbox;

import io.stagegate.sandbox.org.PastQuarters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Call statistics and run-time fault settings of the simulated CRMs. */
@Path("/sandbox")
@Tag(name = "Sandbox")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxAdminResource {
    private final SandboxGate gate;
    private final SandboxConfig config;
    private final SandboxOrgRunner runner;

    public SandboxAdminResource(SandboxGate gate, SandboxConfig config, SandboxOrgRunner runner) {
        this.gate = gate;
        this.config = config;
        this.runner = runner;
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Calls per endpoint, records read and written, quota used, faults injected, per CRM")
    public Map<String, SandboxGate.Stats> stats() {
        enabled();
        Map<String, SandboxGate.Stats> stats = new LinkedHashMap<>();
        for (SandboxCrm crm : SandboxCrm.values()) {
            stats.put(crm.name().toLowerCase(Locale.ROOT), gate.stats(crm));
        }
        return stats;
    }

    @GET
    @Path("/stats/{crm}/writes/{client}")
    @Operation(summary = "How often one API client (e.g. stagegate) updated each record since the last reset, by record id")
    public Map<String, Long> writesPerRecord(@PathParam("crm") String crm, @PathParam("client") String client) {
        enabled();
        return gate.updatesPerRecord(crm(crm), client);
    }

    @GET
    @Path("/stats/{crm}/writes/{client}/{id}")
    @Operation(summary = "The last few updates of one record by one API client: when, and which fields each changed")
    public List<String> writeTrail(@PathParam("crm") String crm, @PathParam("client") String client, @PathParam("id") String id) {
        enabled();
        return gate.trail(crm(crm), client, id);
    }

    @DELETE
    @Path("/stats")
    @Operation(summary = "Reset the counters and the daily quota of both CRMs")
    public Map<String, SandboxGate.Stats> reset() {
        enabled();
        gate.reset();
        return stats();
    }

    @GET
    @Path("/admin/faults/{crm}")
    @Operation(summary = "Latency, fault rates and limits of one simulated CRM (salesforce or hubspot)")
    public FaultSettings faults(@PathParam("crm") String crm) {
        enabled();
        return gate.settings(crm(crm));
    }

    @PUT
    @Path("/admin/faults/{crm}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change latency, fault rates and limits of one simulated CRM at run time")
    public FaultSettings configure(@PathParam("crm") String crm, FaultSettings settings) {
        enabled();
        if (settings == null) {
            throw new SandboxProblem.BadInput("the body must be fault settings: {latencyMs, jitterMs, rates: {KIND: rate}, timeoutMs, dailyQuota, burstLimit, burstWindowMs}");
        }
        gate.configure(crm(crm), settings);
        return gate.settings(crm(crm));
    }

    @POST
    @Path("/admin/scenario/tick")
    @Operation(summary = "One round of rep actions in every simulated CRM now (with the scenario interval at 0, a test drives the reps): "
            + "the changes in all, and per CRM")
    public Map<String, Integer> tick() {
        enabled();
        Map<String, Integer> changes = new LinkedHashMap<>();
        changes.put("changes", 0);
        runner.tickByCrm().forEach((crm, count) -> {
            changes.merge("changes", count, Integer::sum);
            changes.put(crm.name().toLowerCase(Locale.ROOT), count);
        });
        return changes;
    }

    @GET
    @Path("/admin/history/{crm}/quarters")
    @Operation(summary = "The ground truth of one simulated CRM's past, from the synthetic org that seeded it: per closed quarter, owner and "
            + "currency, what closed won, and the recorded and qualified forecast as the org stood on the quarter's first day")
    public List<PastQuarters.Figures> pastQuarters(@PathParam("crm") String crm, @QueryParam("quarters") @DefaultValue("4") String quarters) {
        enabled();
        int count;
        try {
            count = Integer.parseInt(quarters.trim());
        } catch (NumberFormatException e) {
            throw new SandboxProblem.BadInput("quarters must be a whole number from 1 to 8, was '" + quarters + "'");
        }
        if (count < 1 || count > 8) {
            throw new SandboxProblem.BadInput("quarters must be from 1 to 8 (the synthetic org's past reaches four quarters back), was " + count);
        }
        SandboxCrm target = crm(crm);
        return runner.pastQuarters(target, count)
                .orElseThrow(() -> new NotFoundException("the sandbox " + crm + " was not seeded with the synthetic org"));
    }

    private void enabled() {
        if (!config.enabled()) {
            throw new NotFoundException("the sandbox is disabled (stagegate.sandbox.enabled=false)");
        }
    }

    private static SandboxCrm crm(String name) {
        try {
            return SandboxCrm.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("unknown sandbox CRM '" + name + "'; expected salesforce or hubspot");
        }
    }

    @ServerExceptionMapper
    public Response badInput(SandboxProblem.BadInput e) {
        return SandboxProblem.badInput(e);
    }
}

package io.stagegate.api;

import io.stagegate.criteria.Crm;
import io.stagegate.security.Roles;
import io.stagegate.sync.CrmSyncStatus;
import io.stagegate.sync.ManualRuns;
import io.stagegate.sync.SyncEngine;
import io.stagegate.sync.SyncView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/** Sync status and controls: what is synced, how far, what waits, what the CRM refused. Reads need viewer, changes admin. */
@Path("/api")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
    private static final Logger LOG = Logger.getLogger(SyncResource.class);
    private final SyncEngine engine;
    private final SyncView view;
    private final Clock clock;
    private final ManualRuns manual;

    public SyncResource(SyncEngine engine, SyncView view, Clock clock, ManualRuns manual) {
        this.engine = engine;
        this.view = view;
        this.clock = clock;
        this.manual = manual;
    }

    @GET
    @Path("/sync")
    @Operation(summary = "Sync status: cursors, lag, queues, errors, forecast recorded vs qualified")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        Crm crm = engine.activeCrm();
        status.put("instance", engine.instanceId());
        if (crm == null) {
            status.put("active", false);
            status.put("reason", engine.idleReason());
            return status;
        }
        CrmSyncStatus s = engine.status(crm);
        Instant now = clock.instant();
        status.put("active", true);
        status.put("crm", crm.name());
        status.put("writeBack", engine.writeScope().describe());
        status.put("pollLeader", engine.leads(crm));
        status.put("syncedUpTo", s.syncedUpTo());
        status.put("lagSeconds", s.syncedUpTo() == null ? null : SyncView.secondsSince(s.syncedUpTo(), now));
        status.put("lastPollCompletedAt", s.lastPollCompletedAt());
        status.put("sweeping", s.sweeping());
        status.put("quotaUsed", engine.quotaUsed(crm));
        status.put("parkedUntil", s.parkedUntil());
        status.put("fatal", s.fatal());
        status.put("setupProblems", s.setupProblems());
        status.put("lastError", s.lastError());
        status.put("lastFailureAt", s.lastFailureAt());
        try {
            status.putAll(view.stored(crm));
            status.put("database", "reachable");
        } catch (RuntimeException unreachable) {
            // what this instance knows still helps whoever looks while the database is away
            LOG.debugf("GET /api/sync without the database: %s", unreachable.toString());
            status.put("database", "unreachable: " + Quote.prefix(String.valueOf(unreachable.getMessage()), 200));
        }
        Map<String, Long> thisInstance = new LinkedHashMap<>();
        thisInstance.put("recordsProcessed", s.recordsProcessed());
        thisInstance.put("recordsWritten", s.recordsWritten());
        thisInstance.put("writesVerifiedWithoutWriting", s.writesVerifiedWithoutWriting());
        thisInstance.put("writeRetries", s.writeRetries());
        thisInstance.put("deadLetters", s.deadLetters());
        thisInstance.put("transitionsRecorded", s.transitionsRecorded());
        thisInstance.put("inboxEventsProcessed", s.inboxEventsProcessed());
        status.put("thisInstance", thisInstance);
        return status;
    }

    @POST
    @Path("/sync/poll")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Poll the CRM now (if this instance leads polling) and write what is due; "
            + "202 without polling when a manual poll runs or ran moments ago")
    public Response pollNow(@Context SecurityContext caller) {
        Crm crm = requireActive();
        ManualRuns.Outcome outcome = manual.poll(crm, actor(caller));
        if (!outcome.started()) {
            return coalesced("poll", outcome);
        }
        return Response.ok(Map.of("polled", outcome.led(), "pollLeader", engine.leads(crm))).build();
    }

    @POST
    @Path("/sync/sweep")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Start a reconciliation sweep: re-read and re-evaluate every opportunity")
    public Response sweep(@Context SecurityContext caller) {
        Crm crm = requireActive();
        ManualRuns.Outcome outcome = manual.sweep(crm, actor(caller));
        if (!outcome.started()) {
            return coalesced("sweep", outcome);
        }
        return Response.accepted(Map.of("sweep", "requested")).build();
    }

    /** 202: what was asked for is already under way, or was moments ago; nothing new was started. */
    private static Response coalesced(String kind, ManualRuns.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind, "coalesced");
        body.put("running", outcome.running());
        body.put("lastStartedAt", outcome.since());
        body.put("cooldownSeconds", outcome.cooldown().toSeconds());
        return Response.accepted(body).build();
    }

    @GET
    @Path("/sync/dead-letters")
    @Operation(summary = "Writes the CRM refused, newest first, with the CRM's message")
    public List<Map<String, Object>> deadLetters(@QueryParam("limit") @DefaultValue("50") int limit) {
        return view.deadLetters(requireActive(), Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("/sync/dead-letters/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Queue dead letters again (all, or the ids given as ?id=)")
    public Map<String, Object> replay(@QueryParam("id") List<Long> ids, @Context SecurityContext caller) {
        return Map.of("replayed", engine.replayDeadLetters(requireActive(), ids, actor(caller)));
    }

    @GET
    @Path("/opportunities/{crm}/{id}")
    @Operation(summary = "One opportunity as the sync engine knows it: evaluation, stage moves, writes")
    public Response opportunity(@PathParam("crm") String crmName, @PathParam("id") String id) {
        Crm crm;
        try {
            crm = Crm.valueOf(crmName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return problem(Response.Status.NOT_FOUND, "Unknown CRM", "'" + crmName + "' is not a CRM: use salesforce or hubspot");
        }
        Map<String, Object> found = view.opportunity(crm, id);
        if (found == null) {
            return problem(Response.Status.NOT_FOUND, "Unknown opportunity", "no " + crm.name().toLowerCase(Locale.ROOT) + " opportunity '" + id
                    + "' has been synced");
        }
        return Response.ok(found).build();
    }

    /** Who asked, for the audit trail: "api:" and the token's (or the signed-in user's) name. */
    private static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "api" : "api:" + caller.getUserPrincipal().getName();
    }

    private Crm requireActive() {
        Crm crm = engine.activeCrm();
        if (crm == null) {
            throw new jakarta.ws.rs.WebApplicationException(problem(Response.Status.CONFLICT, "Nothing is synced", engine.idleReason()));
        }
        return crm;
    }

    private static Response problem(Response.Status status, String title, String detail) {
        return Response.status(status).type("application/problem+json").entity(Problem.of(status.getStatusCode(), title, detail)).build();
    }
}

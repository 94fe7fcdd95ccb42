package io.stagegate.api;

import io.stagegate.config.PlaybookFollower;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.persistence.PlaybookVersions;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.InvalidPlaybookException;
import io.stagegate.playbook.LoadedPlaybook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.playbook.PlaybookProblem;
import io.stagegate.security.Roles;
import io.stagegate.sync.PlaybookImpact;
import io.stagegate.sync.PlaybookPreview;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The playbook as a live, versioned field mapping: read the active version and the history with diffs (viewer);
 * validate, preview, activate and roll back (admin: validation and preview also spend CRM quota and CPU, and only an
 * admin can act on what they show). Activation takes effect on this instance at once and on every other within
 * {@value PlaybookFollower#CHECK_SECONDS} seconds; the sync then re-evaluates every opportunity.
 */
@Path("/api/playbook")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Playbook")
public class PlaybookResource {
    static final int MAX_REASON_CHARS = 500;
    private static final Duration DB = Duration.ofSeconds(30);
    private static final String CANDIDATE_EXAMPLE = "{\"yaml\": \"name: Default buyer journey (Salesforce)\\ncrm: salesforce\\n...\", "
            + "\"reason\": \"map Budget_Confirmed__c instead of Budget_OK__c (RevOps ticket 123)\"}";
    private static final String INVALID_EXAMPLE = "{\"type\": \"/problems/invalid-playbook\", \"title\": \"Invalid playbook\", \"status\": 400, "
            + "\"detail\": \"the playbook from the request's yaml has 1 problem(s)\", \"errors\": [{\"path\": \"pipelines[0].stages[2]\", "
            + "\"line\": 97, \"message\": \"unknown criterion 'budget_confirmed'\"}], \"totalErrors\": 1}";

    private final PlaybookVersions versions;
    private final PlaybookFollower follower;
    private final ActivePlaybook active;
    private final PlaybookSetup setup;
    private final PlaybookPreview preview;

    public PlaybookResource(PlaybookVersions versions, PlaybookFollower follower, ActivePlaybook active, PlaybookSetup setup, PlaybookPreview preview) {
        this.versions = versions;
        this.follower = follower;
        this.active = active;
        this.setup = setup;
        this.preview = preview;
    }

    @GET
    @Operation(summary = "The active playbook version: its YAML, who activated it, when, how and why, and its SHA-256")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "active",
            value = "{\"active\": {\"version\": 3, \"name\": \"Default buyer journey (Salesforce)\", \"crm\": \"SALESFORCE\", \"source\": \"api\", "
                    + "\"sha256\": \"9f2c…\", \"activatedBy\": \"api:admin\", \"activatedAt\": \"2026-12-03T16:20:00Z\", \"action\": \"activate\", "
                    + "\"reason\": \"map Budget_Confirmed__c\", \"diff\": \"@@ -97 +97 @@\\n-  budget_ok\\n+  budget_confirmed\\n\", "
                    + "\"yaml\": \"name: …\"}, \"runningHere\": true, \"runningSha256\": \"9f2c…\"}")))
    public PlaybookViews.Active current() {
        PlaybookVersion version = versions.active().await().atMost(DB);
        if (version == null) {
            throw problem(Response.Status.NOT_FOUND, "No playbook version", "no playbook version has been recorded yet; the service records one when it starts");
        }
        String running = active.current().sha256();
        return new PlaybookViews.Active(PlaybookViews.Version.of(version, true), running.equals(version.sha256()), running);
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Playbook versions, newest first, each with who, when, how (startup, activate, rollback), why and its diff "
            + "against the version before; page with ?before=<nextBefore>")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "page",
            value = "{\"versions\": [{\"version\": 4, \"action\": \"rollback\", \"reason\": \"rollback to v2\", \"restoredFrom\": 2, "
                    + "\"activatedBy\": \"api:admin\", \"activatedAt\": \"2026-12-03T16:40:00Z\", \"diff\": \"@@ -97 +97 @@\\n…\"}], \"nextBefore\": 4}")))
    public PlaybookViews.Versions list(@Parameter(description = "Only versions older than this one") @QueryParam("before") Long before,
            @Parameter(description = "Versions per page, 1 to 100") @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new BadInputException("limit must be between 1 and 100, was " + limit);
        }
        List<PlaybookVersion> page = versions.history(before, limit + 1).await().atMost(DB);
        List<PlaybookViews.Version> shown = page.stream().limit(limit).map(v -> PlaybookViews.Version.of(v, false)).toList();
        Long next = page.size() > limit ? shown.get(shown.size() - 1).version() : null;
        return new PlaybookViews.Versions(shown, next);
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One playbook version with its YAML and its diff against the version before")
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PlaybookViews.Version version(@PathParam("version") long id) {
        return PlaybookViews.Version.of(found(id), true);
    }

    @POST
    @Path("/validate")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a candidate playbook: its YAML problems with lines, and the connected CRM's setup check "
            + "(fields and stages that do not exist, fields of the wrong type). Changes nothing; 200 whether valid or not.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "candidate", value = CANDIDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "problems",
            value = "{\"valid\": false, \"problems\": [{\"path\": \"criteria.budget_confirmed.rule\", \"line\": 48, "
                    + "\"message\": \"unknown rule 'checkbx'\"}], \"setup\": null}")))
    public PlaybookViews.Validation validate(PlaybookViews.Candidate candidate) {
        String yaml = yaml(candidate);
        List<PlaybookProblem> problems = PlaybookLoader.validate(yaml);
        if (!problems.isEmpty()) {
            return new PlaybookViews.Validation(false, null, null, null, problems, null);
        }
        LoadedPlaybook loaded = LoadedPlaybook.load("the request's yaml", yaml);
        PlaybookSetup.Report report = setup.check(loaded);
        return new PlaybookViews.Validation(!report.blocks(), loaded.playbook().name(), loaded.playbook().crm().name(), loaded.sha256(), List.of(),
                report);
    }

    @POST
    @Path("/preview")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The impact of a candidate playbook before it is activated, from the stored inputs of every synced "
            + "opportunity and without a CRM call: how many change qualified stage, and how each open rollup per pipeline and "
            + "currency moves (at most " + PlaybookPreview.MAX_OPPORTUNITIES + " opportunities; one preview at a time per instance)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "candidate", value = CANDIDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "impact",
            value = "{\"crm\": \"SALESFORCE\", \"evaluated\": 1200, \"limit\": 250000, \"truncated\": false, \"changedQualifiedStage\": 87, "
                    + "\"changedOverStaged\": 80, \"unevaluableBefore\": 0, \"unevaluableAfter\": 0, \"rollups\": [{\"pipeline\": \"standard\", "
                    + "\"currency\": \"EUR\", \"openBefore\": 310, \"openAfter\": 310, \"recordedBefore\": 4100000.00, \"recordedAfter\": 4100000.00, "
                    + "\"qualifiedBefore\": 2300000.00, \"qualifiedAfter\": 1980000.00, \"recordedChange\": 0.00, \"qualifiedChange\": -320000.00}], "
                    + "\"examples\": [{\"id\": \"006…\", \"owner\": \"Ana\", \"pipeline\": \"standard\", \"recordedStage\": \"Proposal/Price Quote\", "
                    + "\"qualifiedBefore\": \"Proposal/Price Quote\", \"qualifiedAfter\": \"Needs Analysis\"}]}")))
    @APIResponse(responseCode = "400", description = "Invalid playbook, with the line of every problem",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "503", description = "Another preview runs on this instance", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public PlaybookImpact preview(PlaybookViews.Candidate candidate) {
        LoadedPlaybook loaded = LoadedPlaybook.load("the request's yaml", yaml(candidate));
        LoadedPlaybook current = active.current();
        if (current.playbook().crm() != loaded.playbook().crm()) {
            throw problem(Response.Status.CONFLICT, "Another CRM", "the candidate is for " + loaded.playbook().crm() + " but the active playbook for "
                    + current.playbook().crm() + ": there are no stored evaluations to compare");
        }
        return preview.impact(current.playbook(), loaded.playbook());
    }

    @POST
    @Path("/activate")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activate a candidate playbook as a new version (who, when, diff, reason); every instance switches without a "
            + "restart and the sync re-evaluates every opportunity. Refused when the CRM's setup check finds problems.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "candidate", value = CANDIDATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Activated; Location names the new version")
    @APIResponse(responseCode = "400", description = "Invalid playbook (with lines) or no reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "That content is the active version already", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The connected CRM's setup does not fit the playbook", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response activate(PlaybookViews.Candidate candidate, @Context SecurityContext caller) {
        String reason = reason(candidate == null ? null : candidate.reason(), null);
        LoadedPlaybook loaded = LoadedPlaybook.load("the request's yaml", yaml(candidate));
        return activated(new LoadedPlaybook("api", loaded.yaml(), loaded.playbook()), caller, PlaybookVersion.ACTIVATE, reason, null);
    }

    @POST
    @Path("/versions/{version}/rollback")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Roll back to a version: activates its content as a new version with the reason \"rollback to vN\"")
    @APIResponse(responseCode = "201", description = "Rolled back; Location names the new version")
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "That content is the active version already", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response rollback(@PathParam("version") long id, PlaybookViews.RollbackRequest request, @Context SecurityContext caller) {
        PlaybookVersion target = found(id);
        String reason = reason(request == null ? null : request.reason(), "rollback to v" + id);
        LoadedPlaybook loaded;
        try {
            loaded = LoadedPlaybook.load(target.source(), target.content());
        } catch (InvalidPlaybookException e) {
            throw problem(Response.Status.CONFLICT, "Version cannot be loaded", "version " + id + " is not a valid playbook for this release: "
                    + e.getMessage());
        }
        return activated(loaded, caller, PlaybookVersion.ROLLBACK, reason, id);
    }

    private Response activated(LoadedPlaybook loaded, SecurityContext caller, String action, String reason, Long restoredFrom) {
        PlaybookSetup.Report report = setup.check(loaded);
        if (report.blocks()) {
            Problem problem = new Problem("/problems/crm-setup", "CRM setup does not fit", 422, report.target() + " does not have what the playbook "
                    + "maps (" + report.problems().size() + " problem(s)); fix the CRM or the mapping, then activate again", report.problems(),
                    (long) report.problems().size());
            throw new ProblemException(problem);
        }
        PlaybookVersions.Activation activation = follower.activate(loaded, actor(caller), action, reason, restoredFrom);
        if (!activation.created()) {
            throw problem(Response.Status.CONFLICT, "Already active", "version " + activation.version().id() + " has this content and is active");
        }
        String note = "this instance runs it now; every other instance within " + PlaybookFollower.CHECK_SECONDS
                + " seconds; the sync re-evaluates every opportunity on its next cycles";
        return Response.created(URI.create("/api/playbook/versions/" + activation.version().id()))
                .entity(new PlaybookViews.Activated(PlaybookViews.Version.of(activation.version(), false), report, note)).build();
    }

    private PlaybookVersion found(long id) {
        PlaybookVersion version = versions.version(id).await().atMost(DB);
        if (version == null) {
            throw problem(Response.Status.NOT_FOUND, "Unknown version", "there is no playbook version " + id);
        }
        return version;
    }

    private static String yaml(PlaybookViews.Candidate candidate) {
        if (candidate == null || candidate.yaml() == null || candidate.yaml().isBlank()) {
            throw new BadInputException("the body needs the playbook as \"yaml\": {\"yaml\": \"name: …\", \"reason\": \"…\"}");
        }
        return candidate.yaml();
    }

    private static String reason(String given, String otherwise) {
        String reason = given == null || given.isBlank() ? otherwise : given.strip();
        if (reason == null) {
            throw new BadInputException("an activation needs a \"reason\": it is shown in the version history and the audit trail");
        }
        if (reason.length() > MAX_REASON_CHARS) {
            throw new BadInputException("the reason may be at most " + MAX_REASON_CHARS + " characters, was " + reason.length());
        }
        return reason;
    }

    /** Who asked, as the sync's audit trail names them: "api:" and the token's (or the signed-in user's) name. */
    private static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "api" : "api:" + caller.getUserPrincipal().getName();
    }

    private static ProblemException problem(Response.Status status, String title, String detail) {
        return new ProblemException(Problem.of(status.getStatusCode(), title, Quote.prefix(detail, Quote.MAX_MESSAGE_CHARS)));
    }

    @ServerExceptionMapper
    Response refused(ProblemException e) {
        return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem()).build();
    }
}

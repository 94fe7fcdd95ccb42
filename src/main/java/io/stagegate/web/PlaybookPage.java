package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.BadInputException;
import io.stagegate.api.PlaybookResource;
import io.stagegate.api.PlaybookViews;
import io.stagegate.api.ProblemException;
import io.stagegate.api.ProblemMappers;
import io.stagegate.playbook.InvalidPlaybookException;
import io.stagegate.security.Roles;
import io.stagegate.sync.PlaybookImpact;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The playbook editor: the active version, the history with diffs and rollbacks, and for a signed-in admin a YAML
 * editor that validates (problems by line, the CRM's setup check), previews the impact and activates, each through
 * {@link PlaybookResource}, the same code as {@code /api/playbook}. Every form carries the session's CSRF token.
 */
@Path("/ui/playbook")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class PlaybookPage {
    static final int VERSIONS_SHOWN = 20;

    private final PlaybookResource playbooks;
    private final SecurityIdentity identity;

    public PlaybookPage(PlaybookResource playbooks, SecurityIdentity identity) {
        this.playbooks = playbooks;
        this.identity = identity;
    }

    /** What the editor shows besides the YAML: its check, its impact, or why an action was refused. */
    public record Outcome(PlaybookViews.Validation validation, List<ProblemLine> problems, PlaybookImpact impact, String refusal, String done) {
        static Outcome none() {
            return new Outcome(null, List.of(), null, null, null);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance playbook(Caller caller, PlaybookViews.Active active, List<PlaybookViews.Version> versions, String yaml,
                String reason, Outcome outcome, ImpactView impact);
    }

    @GET
    public TemplateInstance get(@QueryParam("activated") Long activated) {
        PlaybookViews.Active current = playbooks.current();
        String done = activated == null ? null : "Version " + activated + " is active: this instance runs it now, every other instance within "
                + "a few seconds, and the sync re-evaluates every opportunity on its next cycles.";
        return page(current, current.active().yaml(), "", new Outcome(null, List.of(), null, null, done));
    }

    @POST
    @Path("/validate")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance validate(@FormParam("csrf") String csrf, @FormParam("yaml") String yaml, @FormParam("reason") String reason) {
        Caller.requireCsrf(identity, csrf);
        return page(playbooks.current(), yaml, reason, checked(yaml, null));
    }

    @POST
    @Path("/preview")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@FormParam("csrf") String csrf, @FormParam("yaml") String yaml, @FormParam("reason") String reason) {
        Caller.requireCsrf(identity, csrf);
        Outcome checked = checked(yaml, null);
        if (!checked.problems().isEmpty()) {
            return page(playbooks.current(), yaml, reason, checked);
        }
        try {
            PlaybookImpact impact = playbooks.preview(new PlaybookViews.Candidate(yaml, null));
            return page(playbooks.current(), yaml, reason, new Outcome(checked.validation(), List.of(), impact, null, null));
        } catch (ProblemException e) {
            return page(playbooks.current(), yaml, reason, new Outcome(checked.validation(), List.of(), null, e.getMessage(), null));
        }
    }

    @POST
    @Path("/activate")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activate(@FormParam("csrf") String csrf, @FormParam("yaml") String yaml, @FormParam("reason") String reason,
            @Context SecurityContext caller) {
        Caller.requireCsrf(identity, csrf);
        try {
            Response created = playbooks.activate(new PlaybookViews.Candidate(yaml, reason), caller);
            PlaybookViews.Activated activated = (PlaybookViews.Activated) created.getEntity();
            return Response.seeOther(URI.create("/ui/playbook?activated=" + activated.activated().version())).build();
        } catch (InvalidPlaybookException e) {
            return Response.status(400).entity(page(playbooks.current(), yaml, reason, checked(yaml, null))).build();
        } catch (ProblemException | BadInputException e) {
            return Response.status(409).entity(page(playbooks.current(), yaml, reason, checked(yaml, e.getMessage()))).build();
        }
    }

    @POST
    @Path("/versions/{version}/rollback")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@PathParam("version") long version, @FormParam("csrf") String csrf, @Context SecurityContext caller) {
        Caller.requireCsrf(identity, csrf);
        try {
            Response created = playbooks.rollback(version, new PlaybookViews.RollbackRequest(null), caller);
            PlaybookViews.Activated activated = (PlaybookViews.Activated) created.getEntity();
            return Response.seeOther(URI.create("/ui/playbook?activated=" + activated.activated().version())).build();
        } catch (ProblemException e) {
            PlaybookViews.Active current = playbooks.current();
            return Response.status(409).entity(page(current, current.active().yaml(), "",
                    new Outcome(null, List.of(), null, "Rollback to version " + version + " refused: " + e.getMessage(), null))).build();
        }
    }

    /** The candidate's check; {@code refusal} says why an action that needed it did not happen. */
    private Outcome checked(String yaml, String refusal) {
        if (yaml == null || yaml.isBlank()) {
            return new Outcome(null, List.of(), null, "The editor is empty: paste or write the playbook's YAML.", null);
        }
        PlaybookViews.Validation validation = playbooks.validate(new PlaybookViews.Candidate(yaml, null));
        return new Outcome(validation, ProblemLine.of(yaml, validation), null, refusal, null);
    }

    private TemplateInstance page(PlaybookViews.Active current, String yaml, String reason, Outcome outcome) {
        List<PlaybookViews.Version> versions = playbooks.list(null, VERSIONS_SHOWN).versions();
        return Templates.playbook(Caller.of(identity), current, versions, yaml, reason == null ? "" : reason, outcome,
                outcome.impact() == null ? null : ImpactView.of(outcome.impact()));
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.forecast.Period;
import io.stagegate.reports.AuditTrail;
import io.stagegate.reports.Page;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Who did what, and when, newest first, from the same {@link AuditTrail} as {@code /api/audit}: playbook activations and
 * rollbacks with their reasons, sweeps, manual polls, dead-letter replays.
 */
@Path("/ui/audit")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class AuditPage {
    static final int MAX_ROWS = 300;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final AuditTrail trail;
    private final SecurityIdentity identity;

    public AuditPage(AuditTrail trail, SecurityIdentity identity) {
        this.trail = trail;
        this.identity = identity;
    }

    public record Row(String at, String actor, String action, String crm, String id, String detail) {
        static Row of(AuditTrail.Entry e) {
            return new Row(WHEN.format(e.at().atOffset(ZoneOffset.UTC)), e.actor(), e.action(), e.crm() == null ? "" : e.crm(), e.id(),
                    e.detail() == null ? "" : e.detail().toString());
        }
    }

    /** The form as typed; {@code query} the same selection for the API's CSV link. */
    public record Selection(String actor, String action, String period, String problem, String query) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Caller caller, Selection selection, List<Row> rows, boolean more);
    }

    @GET
    public TemplateInstance get(@QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("period") String period) {
        String who = Filters.clean(actor);
        String what = Filters.clean(action);
        Filters when = Filters.of(null, null, null, period); // parses the period as the other pages do, and says when it does not
        Period in = when.period() == null ? null : Period.parse(when.period());
        Page<AuditTrail.Entry> page = trail.entries(new AuditTrail.Filter(null, who, what, in == null ? null : in.start(), in == null ? null : in.end()),
                MAX_ROWS, null);
        Selection selection = new Selection(who, what, when.period(), when.problem(),
                query("actor", who) + query("action", what) + query("period", when.period()));
        return Templates.audit(Caller.of(identity), selection, page.items().stream().map(Row::of).toList(), page.next() != null);
    }

    private static String query(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

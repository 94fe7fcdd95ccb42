package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.api.SyncResource;
import io.stagegate.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Sync status for the SRE and the RevOps admin: exactly what {@code GET /api/sync} reports, as a table. */
@Path("/ui/sync")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class SyncPage {
    private final SyncResource sync;
    private final SecurityIdentity identity;

    public SyncPage(SyncResource sync, SecurityIdentity identity) {
        this.sync = sync;
        this.identity = identity;
    }

    /** One line of the status; nested figures (queues, this instance's counters) are named {@code group.figure}. */
    public record Line(String name, String value, boolean alarming) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sync(Caller caller, List<Line> lines);
    }

    @GET
    public TemplateInstance get() {
        List<Line> lines = new ArrayList<>();
        flatten("", sync.status(), lines);
        return Templates.sync(Caller.of(identity), lines);
    }

    private static void flatten(String prefix, Map<?, ?> values, List<Line> lines) {
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            String name = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(name + ".", nested, lines);
            } else {
                lines.add(new Line(name, value == null ? "—" : value.toString(), alarming(String.valueOf(entry.getKey()), value)));
            }
        }
    }

    /** What an SRE should see first: a fatal stop, a parked sync, an error, setup problems, dead letters. */
    private static boolean alarming(String key, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        return switch (key) {
            case "fatal", "parkedUntil", "lastError" -> true;
            case "setupProblems" -> value instanceof List<?> list && !list.isEmpty();
            case "deadLetters" -> value instanceof Number n && n.longValue() > 0;
            default -> false;
        };
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

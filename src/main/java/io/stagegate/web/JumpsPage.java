package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.criteria.Crm;
import io.stagegate.reports.Page;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Stage moves worth a leader's question, newest first ({@link StageJumps}, as {@code /api/jumps}): by default the moves
 * that skipped exit criteria; the form widens it to skipped stages and regressions.
 */
@Path("/ui/jumps")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class JumpsPage {
    static final int MAX_ROWS = 300;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final StageJumps jumps;
    private final SyncEngine engine;
    private final SecurityIdentity identity;

    public JumpsPage(StageJumps jumps, SyncEngine engine, SecurityIdentity identity) {
        this.jumps = jumps;
        this.engine = engine;
        this.identity = identity;
    }

    public record Row(String id, String owner, String pipeline, String from, String to, String movedAt, boolean regression,
            List<String> skippedStages, List<String> skippedCriteria) {
        static Row of(StageJumps.Jump j) {
            return new Row(j.opportunityId(), j.owner(), j.pipeline(), j.from(), j.to(), WHEN.format(j.movedAt().atOffset(ZoneOffset.UTC)),
                    j.regression(), j.skippedStages(), j.skippedCriteria().stream().map(StageJumps.Skipped::label).toList());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance jumps(Caller caller, String crm, String idle, Filters filters, String type, List<Row> rows, boolean more);
    }

    @GET
    public TemplateInstance get(@QueryParam("owner") String owner, @QueryParam("pipeline") String pipeline, @QueryParam("period") String period,
            @QueryParam("type") String type) {
        Filters filters = Filters.of(owner, pipeline, null, period);
        Set<StageJumps.Type> types = types(type);
        String chosen = types.size() == 1 ? types.iterator().next().key() : "all";
        Crm crm = engine.activeCrm();
        if (crm == null) {
            return Templates.jumps(Caller.of(identity), null, engine.idleReason(), filters, chosen, List.of(), false);
        }
        Page<StageJumps.Jump> page = jumps.jumps(filters.toReport(crm), types, MAX_ROWS, null);
        return Templates.jumps(Caller.of(identity), crm.name().toLowerCase(Locale.ROOT), null, filters, chosen,
                page.items().stream().map(Row::of).toList(), page.next() != null);
    }

    /** {@code skipped-criteria} (the default), {@code skipped-stages}, {@code regression}, or {@code all}. */
    private static Set<StageJumps.Type> types(String type) {
        if ("all".equals(type)) {
            return EnumSet.allOf(StageJumps.Type.class);
        }
        for (StageJumps.Type candidate : StageJumps.Type.values()) {
            if (candidate.key().equals(type)) {
                return EnumSet.of(candidate);
            }
        }
        return EnumSet.of(StageJumps.Type.SKIPPED_CRITERIA);
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

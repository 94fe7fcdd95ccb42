package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.criteria.Crm;
import io.stagegate.forecast.Period;
import io.stagegate.reports.ForecastRollups;
import io.stagegate.reports.Page;
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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The sales leader's forecast: recorded vs qualified open forecast per owner as a chart, and the rollups behind it per
 * owner, quarter, pipeline and currency, from the same {@link ForecastRollups} as {@code /api/forecast}.
 */
@Path("/ui/forecast")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class ForecastPage {
    /** Rows one page shows; more are in the API's CSV export, which the page links with the same filters. */
    static final int MAX_ROWS = 500;

    private final ForecastRollups rollups;
    private final SyncEngine engine;
    private final SecurityIdentity identity;

    public ForecastPage(ForecastRollups rollups, SyncEngine engine, SecurityIdentity identity) {
        this.rollups = rollups;
        this.engine = engine;
        this.identity = identity;
    }

    public record Row(String owner, String period, String pipeline, String currency, long open, long overStaged, String recorded,
            String qualified, String gap, String won) {
        static Row of(ForecastRollups.Rollup r) {
            return new Row(r.owner(), r.period() == null ? "no close date" : r.period().label(), r.pipeline(), r.currency(), r.open(),
                    r.overStaged(), Money.of(r.recorded()), Money.of(r.qualified()), Money.of(r.gap()), Money.of(r.won()));
        }
    }

    public record Total(String currency, long open, long overStaged, String recorded, String qualified, String gap, String won) {
        static Total of(ForecastRollups.Total t) {
            return new Total(t.currency(), t.open(), t.overStaged(), Money.of(t.recorded()), Money.of(t.qualified()), Money.of(t.gap()),
                    Money.of(t.won()));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance forecast(Caller caller, String crm, String idle, Filters filters, List<Total> totals, List<BarChart> charts,
                List<Row> rows, boolean more);
    }

    @GET
    public TemplateInstance get(@QueryParam("owner") String owner, @QueryParam("pipeline") String pipeline,
            @QueryParam("currency") String currency, @QueryParam("period") String period) {
        Filters filters = Filters.of(owner, pipeline, currency, period);
        Crm crm = engine.activeCrm();
        if (crm == null) {
            return Templates.forecast(Caller.of(identity), null, engine.idleReason(), filters, List.of(), List.of(), List.of(), false);
        }
        Page<ForecastRollups.Rollup> page = rollups.rollup(filters.toReport(crm), Period.Unit.QUARTER, MAX_ROWS, null);
        return Templates.forecast(Caller.of(identity), crm.name().toLowerCase(java.util.Locale.ROOT), null, filters,
                rollups.totals(filters.toReport(crm)).stream().map(Total::of).toList(), BarChart.of(page.items()),
                page.items().stream().map(Row::of).toList(), page.next() != null);
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

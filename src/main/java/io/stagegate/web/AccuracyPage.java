package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.criteria.Crm;
import io.stagegate.forecast.Period;
import io.stagegate.reports.AccuracyHistory;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Forecast accuracy of closed periods from the daily snapshots, per currency in total and per owner, from the same
 * {@link AccuracyHistory} as {@code /api/forecast/accuracy}: what the period's first snapshot held against what closed won.
 */
@Path("/ui/accuracy")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class AccuracyPage {
    /** Closed periods one page shows (the API's default page). */
    static final int PERIODS = 8;

    private final AccuracyHistory history;
    private final SyncEngine engine;
    private final Clock clock;
    private final SecurityIdentity identity;

    public AccuracyPage(AccuracyHistory history, SyncEngine engine, Clock clock, SecurityIdentity identity) {
        this.history = history;
        this.engine = engine;
        this.clock = clock;
        this.identity = identity;
    }

    public record Row(String period, String asOf, boolean total, String owner, String currency, String won, String recorded, String recordedAccuracy,
            String recordedError, String qualified, String qualifiedAccuracy, String qualifiedError) {
        static Row of(AccuracyHistory.Line l) {
            return new Row(l.period().label(), l.forecastAsOf() == null ? "—" : l.forecastAsOf().toString(), l.total(),
                    l.total() ? "All owners" : l.owner().isEmpty() ? "(no owner)" : l.owner(), l.currency(), Money.of(l.won()),
                    Money.of(l.recorded().forecast()), Ratio.percent(l.recorded().accuracy()), Ratio.error(l.recorded()), Money.of(l.qualified().forecast()),
                    Ratio.percent(l.qualified().accuracy()), Ratio.error(l.qualified()));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accuracy(Caller caller, String idle, Filters filters, String by, List<Row> rows, boolean more);
    }

    @GET
    public TemplateInstance get(@QueryParam("owner") String owner, @QueryParam("pipeline") String pipeline, @QueryParam("currency") String currency,
            @QueryParam("period") String period, @QueryParam("by") String by) {
        Filters filters = Filters.of(owner, pipeline, currency, period);
        Period.Unit unit = "month".equals(by) ? Period.Unit.MONTH : "year".equals(by) ? Period.Unit.YEAR : Period.Unit.QUARTER;
        Crm crm = engine.activeCrm();
        if (crm == null) {
            return Templates.accuracy(Caller.of(identity), engine.idleReason(), filters, unit.key(), List.of(), false);
        }
        Page<AccuracyHistory.Line> page = history.closedPeriods(filters.toReport(crm), unit, LocalDate.now(clock), PERIODS, null);
        return Templates.accuracy(Caller.of(identity), null, filters, unit.key(), page.items().stream().map(Row::of).toList(),
                page.next() != null);
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

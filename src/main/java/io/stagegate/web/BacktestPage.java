package io.stagegate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.security.Roles;
import io.stagegate.sync.BacktestQuarterView;
import io.stagegate.sync.BacktestRuns;
import io.stagegate.sync.BacktestStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The latest backtest (docs/backtest.md): per pipeline and currency a chart of recorded vs qualified forecast vs closed
 * won per quarter, the accuracy table and the deals that explain the miss, read from the same store as
 * {@code /api/backtest}; the state of an unfinished or failed run; for a signed-in admin the form that starts a run
 * through the same {@link BacktestRuns} as {@code POST /api/backtest}.
 */
@Path("/ui/backtest")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class BacktestPage {
    /** Runs looked through for the latest finished one (the API lists as many). */
    static final int RUNS_SEARCHED = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final BacktestRuns runs;
    private final BacktestStore store;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public BacktestPage(BacktestRuns runs, BacktestStore store, ObjectMapper json, SecurityIdentity identity) {
        this.runs = runs;
        this.store = store;
        this.json = json;
        this.identity = identity;
    }

    /** A run as the page shows it: times to the minute in UTC (the API keeps the exact instants). */
    public record Run(long id, String crm, int quarters, String state, String phase, String requestedBy, String requestedAt, String finishedAt,
            String retryAt, String message, int quartersDone, Integer opportunities, Integer calls, String historyFrom, List<String> untrackedFields) {
        static Run of(BacktestStore.Run r) {
            return r == null ? null : new Run(r.id(), r.crm(), r.quarters(), r.state(), r.phase(), r.requestedBy(), when(r.requestedAt()),
                    when(r.finishedAt()), when(r.retryAt()), r.message(), r.quartersDone(), r.opportunities(), r.calls(),
                    r.historyFrom() == null ? null : r.historyFrom().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                    r.untrackedFields() == null ? List.of() : r.untrackedFields());
        }

        private static String when(Instant at) {
            return at == null ? null : WHEN.format(at.atOffset(ZoneOffset.UTC));
        }
    }

    /** What the form's action did: {@code refusal} why nothing started, {@code started} the run it queued. */
    public record Outcome(String refusal, Long started) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance backtest(Caller caller, Run latest, Run shown, List<BacktestView.Section> sections,
                List<String> unreadable, Outcome outcome, int maxQuarters, int maxTop);
    }

    @GET
    public TemplateInstance get(@QueryParam("started") Long started) {
        return page(new Outcome(null, started));
    }

    @POST
    @Path("/start")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@FormParam("csrf") String csrf, @FormParam("quarters") String quarters, @FormParam("top") String top) {
        Caller.requireCsrf(identity, csrf);
        int count;
        int deals;
        try {
            count = number("Quarters", quarters, 4);
            deals = number("Explaining deals", top, 10);
            BacktestStore.Start start = runs.start(count, deals, "api:" + identity.getPrincipal().getName());
            if (!start.started()) {
                return Response.status(409).entity(page(new Outcome("A backtest is running: backtest " + start.run().id() + " is " + start.run().state()
                        + ". One runs at a time: follow it here, or start another when it is done.", null))).build();
            }
            return Response.seeOther(URI.create("/ui/backtest?started=" + start.run().id())).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(page(new Outcome("Nothing started: " + e.getMessage() + ".", null))).build();
        } catch (IllegalStateException e) {
            return Response.status(409).entity(page(new Outcome("No backtest can run: " + e.getMessage() + ".", null))).build();
        }
    }

    private TemplateInstance page(Outcome outcome) {
        List<BacktestStore.Run> recent = store.recent(RUNS_SEARCHED);
        BacktestStore.Run latest = recent.isEmpty() ? null : recent.get(0);
        Optional<BacktestStore.Run> done = recent.stream().filter(run -> "done".equals(run.state())).findFirst();
        List<BacktestQuarterView> quarters = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        done.ifPresent(run -> store.quarterFigures(run.id()).forEach((start, text) -> {
            try {
                quarters.add(json.readValue(text, BacktestQuarterView.class));
            } catch (JsonProcessingException e) {
                unreadable.add(start + ": " + e.getOriginalMessage());
            }
        }));
        return Templates.backtest(Caller.of(identity), Run.of(latest), Run.of(done.orElse(null)), BacktestView.sections(quarters), unreadable, outcome,
                BacktestRuns.MAX_QUARTERS, BacktestRuns.MAX_TOP);
    }

    private static int number(String field, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, not \"" + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
                    + "\"", e);
        }
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

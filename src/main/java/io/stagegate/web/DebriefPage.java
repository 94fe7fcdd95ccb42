package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.criteria.Crm;
import io.stagegate.reports.DebriefAgenda;
import io.stagegate.reports.Page;
import io.stagegate.security.Roles;
import io.stagegate.sync.SyncEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The qualification debrief agenda, per owner: open opportunities with unmet exit criteria, the largest forecast
 * impact first, each with its questions ({@link DebriefAgenda}, as {@code /api/debrief}). Prints one owner per page.
 */
@Path("/ui/debrief")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class DebriefPage {
    static final int MAX_ITEMS = 300;

    private final DebriefAgenda agenda;
    private final SyncEngine engine;
    private final SecurityIdentity identity;

    public DebriefPage(DebriefAgenda agenda, SyncEngine engine, SecurityIdentity identity) {
        this.agenda = agenda;
        this.engine = engine;
        this.identity = identity;
    }

    public record Item(String id, String pipeline, String stage, String qualifiedStage, String currency, String amount, String closeDate,
            String recorded, String qualified, String impact, List<String> unmet, List<String> questions) {
        static Item of(DebriefAgenda.Item i) {
            return new Item(i.opportunityId(), i.pipeline(), i.stage(), i.qualifiedStage(), i.currency(), Money.of(i.amount()),
                    i.closeDate() == null ? "" : i.closeDate().toString(), Money.of(i.recordedForecast()), Money.of(i.qualifiedForecast()),
                    Money.of(i.impact()), i.unmetCriteria().stream().map(DebriefAgenda.Unmet::label).toList(), i.questions());
        }
    }

    public record Owner(String name, List<Item> items) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance debrief(Caller caller, String crm, String idle, Filters filters, List<Owner> owners, boolean more);
    }

    @GET
    public TemplateInstance get(@QueryParam("owner") String owner, @QueryParam("pipeline") String pipeline,
            @QueryParam("currency") String currency, @QueryParam("period") String period) {
        Filters filters = Filters.of(owner, pipeline, currency, period);
        Crm crm = engine.activeCrm();
        if (crm == null) {
            return Templates.debrief(Caller.of(identity), null, engine.idleReason(), filters, List.of(), false);
        }
        Page<DebriefAgenda.Item> page = agenda.agenda(filters.toReport(crm), MAX_ITEMS, null);
        Map<String, List<Item>> byOwner = new LinkedHashMap<>();
        for (DebriefAgenda.Item item : page.items()) {
            byOwner.computeIfAbsent(item.owner().isEmpty() ? "(no owner)" : item.owner(), o -> new ArrayList<>()).add(Item.of(item));
        }
        List<Owner> owners = new ArrayList<>();
        byOwner.forEach((name, items) -> owners.add(new Owner(name, items)));
        return Templates.debrief(Caller.of(identity), crm.name().toLowerCase(Locale.ROOT), null, filters, owners, page.next() != null);
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

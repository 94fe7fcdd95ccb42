package io.stagegate.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.api.ProblemMappers;
import io.stagegate.criteria.Crm;
import io.stagegate.security.Roles;
import io.stagegate.sync.SyncView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One opportunity as the sync knows it ({@link SyncView#opportunity}, as {@code /api/opportunities/{crm}/{id}}): where
 * the rep put it and where its exit criteria put it, every criterion with what was seen, the questions, its stage moves
 * and the writes back to the CRM.
 */
@Path("/ui/opportunities/{crm}/{id}")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class OpportunityPage {
    private final SyncView view;
    private final SecurityIdentity identity;

    public OpportunityPage(SyncView view, SecurityIdentity identity) {
        this.view = view;
        this.identity = identity;
    }

    public record Fact(String name, String value) {
    }

    public record Verdict(int stage, String label, boolean met, String observed) {
    }

    public record Move(String at, String from, String to, String kind, String skippedStages, List<String> skippedCriteria, String source) {
    }

    public record Write(String status, String attempts, String queuedAt, String writtenAt, String message, String values) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance opportunity(Caller caller, String crm, String id, String problem, List<Fact> facts, List<Verdict> verdicts,
                List<String> questions, List<Move> moves, List<Write> writes);
    }

    @GET
    public Response get(@PathParam("crm") String crmName, @PathParam("id") String id) {
        Caller caller = Caller.of(identity);
        Crm crm;
        try {
            crm = Crm.valueOf(crmName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return notFound(caller, crmName, id, "\"" + crmName + "\" is not a CRM: use salesforce or hubspot.");
        }
        Map<String, Object> found = view.opportunity(crm, id);
        if (found == null) {
            return notFound(caller, crmName, id, "No " + crm.name().toLowerCase(Locale.ROOT) + " opportunity \"" + id + "\" has been synced.");
        }
        JsonNode evaluation = (JsonNode) found.get("evaluation");
        return Response.ok(Templates.opportunity(caller, crmName, id, null, facts(found, evaluation), verdicts(evaluation), questions(evaluation),
                moves(found), writes(found))).build();
    }

    private static Response notFound(Caller caller, String crm, String id, String problem) {
        return Response.status(404).entity(Templates.opportunity(caller, crm, id, problem, List.of(), List.of(), List.of(), List.of(), List.of()))
                .build();
    }

    private static List<Fact> facts(Map<String, Object> found, JsonNode evaluation) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Owner", text(found.get("owner"))));
        facts.add(new Fact("Pipeline", text(found.get("pipeline"))));
        facts.add(new Fact("Status", text(found.get("status"))));
        facts.add(new Fact("CRM stage (recorded by the rep)", text(found.get("stage"))));
        facts.add(new Fact("Qualified at (exit criteria met)", evaluation == null ? "" : evaluation.path("qualified").path("label").asText("")));
        facts.add(new Fact("Over-staged", Boolean.TRUE.equals(found.get("overStaged")) ? "yes" : "no"));
        facts.add(new Fact("Amount", money(found.get("amount")) + " " + text(found.get("currency"))));
        facts.add(new Fact("Recorded forecast", money(found.get("recordedForecast"))));
        facts.add(new Fact("Qualified forecast", money(found.get("qualifiedForecast"))));
        facts.add(new Fact("Close date", text(found.get("closeDate"))));
        if (evaluation != null && evaluation.has("daysInStage")) {
            facts.add(new Fact("Days in stage", evaluation.path("daysInStage").asText() + (evaluation.path("stalled").asBoolean() ? " (stalled)" : "")));
        }
        facts.add(new Fact("Last read from the CRM", text(found.get("readAt"))));
        if (found.get("problem") != null) {
            facts.add(new Fact("Problem", text(found.get("problem"))));
        }
        return facts;
    }

    private static List<Verdict> verdicts(JsonNode evaluation) {
        List<Verdict> verdicts = new ArrayList<>();
        if (evaluation != null) {
            for (JsonNode v : evaluation.path("verdicts")) {
                verdicts.add(new Verdict(v.path("stage").asInt(), v.path("label").asText(), v.path("met").asBoolean(),
                        v.path("observed").isNull() ? "" : v.path("observed").asText("")));
            }
        }
        return verdicts;
    }

    private static List<String> questions(JsonNode evaluation) {
        List<String> questions = new ArrayList<>();
        if (evaluation != null) {
            evaluation.path("debriefQuestions").forEach(q -> questions.add(q.asText()));
        }
        return questions;
    }

    @SuppressWarnings("unchecked")
    private static List<Move> moves(Map<String, Object> found) {
        List<Move> moves = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) found.get("moves")) {
            List<String> stages = new ArrayList<>();
            if (m.get("skippedStages") instanceof JsonNode skipped) {
                skipped.forEach(s -> stages.add(s.asText()));
            }
            List<String> criteria = new ArrayList<>();
            if (m.get("skippedCriteria") instanceof JsonNode skipped) {
                skipped.forEach(c -> criteria.add(c.path("label").asText(c.asText())));
            }
            moves.add(new Move(text(m.get("at")), text(m.get("from")), text(m.get("to")), text(m.get("kind")), String.join(", ", stages), criteria,
                    text(m.get("source"))));
        }
        return moves;
    }

    @SuppressWarnings("unchecked")
    private static List<Write> writes(Map<String, Object> found) {
        List<Write> writes = new ArrayList<>();
        for (Map<String, Object> w : (List<Map<String, Object>>) found.get("writes")) {
            writes.add(new Write(text(w.get("status")), text(w.get("attempts")), text(w.get("queuedAt")), text(w.get("writtenAt")),
                    text(w.get("message")), text(w.get("values"))));
        }
        return writes;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String money(Object value) {
        return value instanceof BigDecimal amount ? Money.of(amount) : "";
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }
}

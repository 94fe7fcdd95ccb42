package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import io.stagegate.api.ProblemMappers;
import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.forecast.ForecastSummary;
import io.stagegate.playbook.ActivePlaybook;
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
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The landing page: the active playbook, and what it concludes about the bundled sample export. It shows CRM data: viewer. */
@Path("/")
@RolesAllowed(Roles.VIEWER)
public class IndexPage {
    private final ActivePlaybook active;
    private final DemoSample demo;
    private final io.stagegate.sync.SyncEngine sync;
    private final io.stagegate.sync.SyncView syncView;

    public IndexPage(ActivePlaybook active, DemoSample demo, io.stagegate.sync.SyncEngine sync, io.stagegate.sync.SyncView syncView) {
        this.active = active;
        this.demo = demo;
        this.sync = sync;
        this.syncView = syncView;
    }

    /** What the sync has done so far, for the page: {@code null} when nothing is synced (yet). */
    public record SyncPanel(String crm, String target, String writeBack, long known, long open, long overStaged, long stageSkips, long written,
            List<TotalRow> forecast) {
    }

    private SyncPanel syncPanel() {
        io.stagegate.criteria.Crm crm = sync.activeCrm();
        if (crm == null) {
            return null;
        }
        try {
            java.util.Map<String, Long> totals = syncView.totals(crm);
            if (totals.get("known") == 0) {
                return null;
            }
            java.util.Map<String, BigDecimal[]> byCurrency = new java.util.TreeMap<>();
            for (io.stagegate.sync.SyncView.ForecastRow row : syncView.forecast(crm)) {
                BigDecimal[] sums = byCurrency.computeIfAbsent(row.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(row.recorded());
                sums[1] = sums[1].add(row.qualified());
            }
            List<TotalRow> forecast = new ArrayList<>();
            byCurrency.forEach((currency, sums) -> forecast.add(new TotalRow(currency, money(sums[0]), money(sums[1]), money(sums[0].subtract(sums[1])))));
            return new SyncPanel(crm.name(), sync.targetDescription(), sync.writeScope().describe(), totals.get("known"), totals.get("open"),
                    totals.get("over_staged"), totals.get("stage_skips"), totals.get("written"), forecast);
        } catch (RuntimeException unavailable) {
            return null;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String playbookName, String crm, String source, List<StageRow> stages,
                String asOf, List<TotalRow> totals, long overStaged, long open, long stalled, List<OpportunityRow> opportunities, SyncPanel sync);
    }

    public record StageRow(String pipeline, String label, String crmStages, String category, String benchmark, List<String> questions) {
    }

    public record TotalRow(String currency, String recorded, String qualified, String gap) {
    }

    public record OpportunityRow(String id, String owner, String crmStage, String recordedStage, String qualifiedStage, boolean overStaged,
            boolean stalled, String currency, String recorded, String qualified, String missing, String nextQuestion) {
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, @Context HttpHeaders headers, @Context UriInfo uri) {
        return WebDoor.signIn(headers, uri, new ProblemMappers().unauthenticated(e));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        Playbook playbook = active.current().playbook();
        List<Evaluation> evaluations = demo.evaluations();
        ForecastSummary summary = demo.summary(evaluations);
        List<TotalRow> totals = new ArrayList<>();
        summary.byCurrency().forEach((currency, money) -> totals.add(new TotalRow(currency,
                money(money.recordedForecast()), money(money.qualifiedForecast()), money(money.gap()))));
        return Templates.index(playbook.name(), playbook.crm().name(), active.current().source(), stages(playbook),
                DemoSample.AS_OF.toString(), totals, summary.overStaged(), summary.open(), summary.stalled(), rows(evaluations), syncPanel());
    }

    private static List<StageRow> stages(Playbook playbook) {
        List<StageRow> rows = new ArrayList<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                String crmStages = stage.crmStages().isEmpty()
                        ? "— (explicit " + percent(stage.qualifiedProbability()) + ")"
                        : stage.crmStages().stream().map(s -> s.value() + " (" + percent(s.probability()) + ")").collect(Collectors.joining(", "));
                List<String> questions = stage.exitCriteria().stream().map(ExitCriterion::question).collect(Collectors.toList());
                rows.add(new StageRow(pipeline.label(), stage.label(), crmStages, stage.forecastCategory().name(),
                        stage.benchmarkDays() == null ? "" : stage.benchmarkDays() + " days", questions));
            }
        }
        return rows;
    }

    private static List<OpportunityRow> rows(List<Evaluation> evaluations) {
        List<OpportunityRow> rows = new ArrayList<>();
        for (Evaluation e : evaluations) {
            String missing = e.missingCriteria().stream().map(CriterionVerdict::criterion).map(ExitCriterion::label).collect(Collectors.joining("; "));
            rows.add(new OpportunityRow(e.opportunityId(), e.owner() == null ? "" : e.owner(), e.recordedStage().crmStage(),
                    e.recordedStage().label(), e.qualifiedStage().label(), e.overStaged(), e.stalled(), e.currency(),
                    money(e.recordedForecast()), money(e.qualifiedForecast()), missing,
                    e.isOpen() && !e.debriefQuestions().isEmpty() ? e.debriefQuestions().get(0) : ""));
        }
        return rows;
    }

    private static String money(BigDecimal amount) {
        return NumberFormat.getNumberInstance(Locale.US).format(amount);
    }

    private static String percent(BigDecimal fraction) {
        return fraction.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + " %";
    }
}

package io.stagegate.criteria;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Decides at which stage an opportunity is really qualified, and what that means for the forecast. Pure and
 * deterministic: the same playbook, opportunity and clock give the same evaluation. Thread-safe.
 */
public final class Evaluator {
    private final Playbook playbook;
    private final Clock clock;

    public Evaluator(Playbook playbook, Clock clock) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Playbook playbook() {
        return playbook;
    }

    public Clock clock() {
        return clock;
    }

    /** Today in the clock's zone: the day against which date criteria are judged. */
    public LocalDate today() {
        return Values.dayOf(clock.instant(), clock.getZone());
    }

    /**
     * Evaluates one opportunity.
     *
     * @throws EvaluationException if its stage is not mapped by its pipeline or its currency is not a currency code
     */
    public Evaluation evaluate(Opportunity opportunity) {
        return evaluate(opportunity, today());
    }

    public Evaluation evaluate(Opportunity opportunity, LocalDate today) {
        Pipeline pipeline = playbook.pipelineFor(opportunity.pipeline());
        StagePosition recorded = positionOf(pipeline, opportunity, opportunity.stage(), "stage");
        String currency = opportunity.currency() == null || opportunity.currency().isBlank() ? playbook.currency() : opportunity.currency();
        int scale = fractionDigits(opportunity.id(), currency);
        BigDecimal amount = opportunity.amount() == null ? BigDecimal.ZERO : opportunity.amount();
        String amountProblem = Decimals.problem(amount);
        if (amountProblem != null) {
            throw new EvaluationException(opportunity.id(), "amount", "amount " + amountProblem);
        }
        List<StageTransition> transitions = transitions(pipeline, opportunity);
        return switch (recorded.kind()) {
            case WON -> closed(pipeline, opportunity, recorded, OpportunityStatus.WON, currency, amount.setScale(scale, RoundingMode.HALF_UP), transitions, today);
            case LOST -> closed(pipeline, opportunity, recorded, OpportunityStatus.LOST, currency, BigDecimal.ZERO.setScale(scale), transitions, today);
            default -> open(pipeline, opportunity, recorded, currency, scale, amount, transitions, today);
        };
    }

    private Evaluation open(Pipeline pipeline, Opportunity opportunity, StagePosition recorded, String currency, int scale,
            BigDecimal amount, List<StageTransition> transitions, LocalDate today) {
        int r = recorded.index();
        CriterionVerdict[] judged = new CriterionVerdict[criteriaCount(pipeline, r + 1)];
        int n = 0;
        int q = r;
        for (int i = 0; i <= r; i++) {
            List<ExitCriterion> criteria = pipeline.stage(i).exitCriteria();
            for (int c = 0; c < criteria.size(); c++) {
                ExitCriterion criterion = criteria.get(c);
                CriterionVerdict verdict = judge(criterion, i, opportunity, today);
                judged[n++] = verdict;
                if (!verdict.met() && i < q) {
                    q = i;
                }
            }
        }
        List<CriterionVerdict> verdicts = List.of(judged);
        JourneyStage recordedStage = pipeline.stage(r);
        JourneyStage qualifiedStage = pipeline.stage(q);
        BigDecimal recordedProbability = recorded.crmStage().probability();
        BigDecimal qualifiedProbability = q == r ? recordedProbability : qualifiedStage.qualifiedProbability();
        Integer daysInStage = opportunity.stageEnteredOn() == null
                ? null
                : (int) ChronoUnit.DAYS.between(opportunity.stageEnteredOn(), today);
        boolean stalled = daysInStage != null && recordedStage.benchmarkDays() != null && daysInStage > recordedStage.benchmarkDays();
        BigDecimal recordedForecast = amount.multiply(recordedProbability).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal qualifiedForecast = qualifiedProbability == recordedProbability
                ? recordedForecast
                : amount.multiply(qualifiedProbability).setScale(scale, RoundingMode.HALF_UP);
        return new Evaluation(
                opportunity.id(),
                pipeline.key(),
                opportunity.owner(),
                OpportunityStatus.OPEN,
                new StageRef(r, recordedStage.key(), recordedStage.label(), recorded.crmStage().value()),
                new StageRef(q, qualifiedStage.key(), qualifiedStage.label(), q == r ? recorded.crmStage().value() : lowestCrmStage(qualifiedStage)),
                verdicts,
                currency,
                opportunity.amount(),
                recordedProbability,
                qualifiedProbability,
                recordedForecast,
                qualifiedForecast,
                recordedStage.forecastCategory(),
                qualifiedStage.forecastCategory(),
                q < r,
                stalled,
                daysInStage,
                debriefQuestions(judged),
                transitions);
    }

    private static String lowestCrmStage(JourneyStage stage) {
        CrmStage lowest = stage.lowestCrmStage();
        return lowest == null ? null : lowest.value();
    }

    private static List<String> debriefQuestions(CriterionVerdict[] verdicts) {
        int unmet = 0;
        for (CriterionVerdict verdict : verdicts) {
            unmet += verdict.met() ? 0 : 1;
        }
        String[] questions = new String[unmet];
        int n = 0;
        for (CriterionVerdict verdict : verdicts) {
            if (!verdict.met()) {
                questions[n++] = verdict.criterion().question();
            }
        }
        return List.of(questions);
    }

    /**
     * Judges one criterion. Rules without an expression are decided without writing what they saw (that text is
     * written only if it is read); expressions run once, in full.
     */
    private static CriterionVerdict judge(ExitCriterion criterion, int stageIndex, Opportunity opportunity, LocalDate day) {
        Boolean met = RuleChecks.met(criterion.rule(), opportunity, day);
        if (met != null) {
            return CriterionVerdict.deferred(criterion, stageIndex, met, opportunity, day);
        }
        Verdict verdict = criterion.rule().evaluate(opportunity, day);
        return new CriterionVerdict(criterion, stageIndex, verdict.met(), verdict.observed());
    }

    /** How many exit criteria the first {@code stages} journey stages have together. */
    private static int criteriaCount(Pipeline pipeline, int stages) {
        int count = 0;
        for (int i = 0; i < stages; i++) {
            count += pipeline.stage(i).exitCriteria().size();
        }
        return count;
    }

    private Evaluation closed(Pipeline pipeline, Opportunity opportunity, StagePosition recorded, OpportunityStatus status,
            String currency, BigDecimal forecast, List<StageTransition> transitions, LocalDate today) {
        boolean won = status == OpportunityStatus.WON;
        ClosedOutcome outcome = won ? pipeline.won() : pipeline.lost();
        List<CriterionVerdict> verdicts = List.of();
        if (won) {
            CriterionVerdict[] judged = new CriterionVerdict[criteriaCount(pipeline, pipeline.stages().size())];
            int n = 0;
            for (int i = 0; i < pipeline.stages().size(); i++) {
                List<ExitCriterion> criteria = pipeline.stage(i).exitCriteria();
                for (int c = 0; c < criteria.size(); c++) {
                    ExitCriterion criterion = criteria.get(c);
                    judged[n++] = judge(criterion, i, opportunity, today);
                }
            }
            verdicts = List.of(judged);
        }
        StageRef stage = new StageRef(recorded.index(), won ? StageRef.WON : StageRef.LOST, outcome.label(), recorded.crmStage().value());
        ForecastCategory category = won ? ForecastCategory.CLOSED : ForecastCategory.OMITTED;
        return new Evaluation(
                opportunity.id(),
                pipeline.key(),
                opportunity.owner(),
                status,
                stage,
                stage,
                verdicts,
                currency,
                opportunity.amount(),
                recorded.crmStage().probability(),
                won ? BigDecimal.ONE : BigDecimal.ZERO,
                forecast,
                forecast,
                category,
                category,
                false,
                false,
                null,
                outcome.checklist(),
                transitions);
    }

    /**
     * Judges one observed move. The opportunity's field values are taken as they were when the move was observed, and
     * date criteria are judged against the day of the move.
     */
    public StageTransition transition(Opportunity opportunity, String fromStage, String toStage, Instant at) {
        Pipeline pipeline = playbook.pipelineFor(opportunity.pipeline());
        return transition(pipeline, opportunity, fromStage, toStage, at);
    }

    private StageTransition transition(Pipeline pipeline, Opportunity opportunity, String fromStage, String toStage, Instant at) {
        StagePosition from = pipeline.positionOrNull(fromStage);
        StagePosition to = pipeline.positionOrNull(toStage);
        if (from == null || to == null) {
            return new StageTransition(fromStage, toStage, at, StageTransition.Kind.UNMAPPED, List.of(), List.of());
        }
        if (!from.isOpen()) {
            return new StageTransition(fromStage, toStage, at, StageTransition.Kind.REOPENED, List.of(), List.of());
        }
        if (to.kind() == StagePosition.Kind.LOST) {
            return new StageTransition(fromStage, toStage, at, StageTransition.Kind.LOST, List.of(), List.of());
        }
        int a = from.index();
        int b = to.index();
        if (b < a) {
            return new StageTransition(fromStage, toStage, at, StageTransition.Kind.REGRESSION, List.of(), List.of());
        }
        if (b == a) {
            return new StageTransition(fromStage, toStage, at, StageTransition.Kind.WITHIN_STAGE, List.of(), List.of());
        }
        LocalDate day = at == null ? today() : Values.dayOf(at, clock.getZone());
        List<CriterionVerdict> unmet = List.of();
        for (int i = a; i < b; i++) {
            List<ExitCriterion> criteria = pipeline.stage(i).exitCriteria();
            for (int c = 0; c < criteria.size(); c++) {
                ExitCriterion criterion = criteria.get(c);
                if (Boolean.TRUE.equals(RuleChecks.met(criterion.rule(), opportunity, day))) {
                    continue;
                }
                Verdict verdict = criterion.rule().evaluate(opportunity, day);
                if (!verdict.met()) {
                    if (unmet.isEmpty()) {
                        unmet = new ArrayList<>();
                    }
                    unmet.add(new CriterionVerdict(criterion, i, false, verdict.observed()));
                }
            }
        }
        List<String> skippedStages = b - a > 1 ? new ArrayList<>(b - a - 1) : List.of();
        for (int i = a + 1; i < b; i++) {
            skippedStages.add(pipeline.stage(i).key());
        }
        StageTransition.Kind kind = to.kind() == StagePosition.Kind.WON ? StageTransition.Kind.WON : StageTransition.Kind.ADVANCE;
        return new StageTransition(fromStage, toStage, at, kind, skippedStages, unmet);
    }

    private List<StageTransition> transitions(Pipeline pipeline, Opportunity opportunity) {
        List<StageChange> history = opportunity.history();
        if (history.size() < 2) {
            return List.of();
        }
        List<StageChange> ordered = history;
        if (!isChronological(history)) {
            ordered = new ArrayList<>(history);
            ordered.sort((x, y) -> x.at().compareTo(y.at()));
        }
        List<StageTransition> transitions = new ArrayList<>(ordered.size() - 1);
        for (int i = 1; i < ordered.size(); i++) {
            StageChange previous = ordered.get(i - 1);
            StageChange next = ordered.get(i);
            if (!previous.stage().equals(next.stage())) {
                transitions.add(transition(pipeline, opportunity, previous.stage(), next.stage(), next.at()));
            }
        }
        return transitions;
    }

    /** True when the history is already oldest first, so that a stable sort would leave it as it is. */
    private static boolean isChronological(List<StageChange> history) {
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i - 1).at().compareTo(history.get(i).at()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static StagePosition positionOf(Pipeline pipeline, Opportunity opportunity, String crmStage, String field) {
        StagePosition position = pipeline.positionOrNull(crmStage);
        if (position == null) {
            StringJoiner mapped = new StringJoiner(", ");
            pipeline.crmStages().forEach(stage -> mapped.add(stage.value()));
            throw new EvaluationException(opportunity.id(), field,
                    "stage '" + crmStage + "' is not mapped in pipeline '" + pipeline.key() + "' (mapped: " + mapped + ")");
        }
        return position;
    }

    private static int fractionDigits(String opportunityId, String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            throw new EvaluationException(opportunityId, "currency", "currency '" + currency + "' is not an ISO 4217 currency code");
        }
    }
}

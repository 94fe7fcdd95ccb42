package io.stagegate.sandbox.org;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import io.stagegate.criteria.StagePosition;
import io.stagegate.criteria.StageTransition;
import io.stagegate.sandbox.org.DealChange.Action;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes reps act on their deals over simulated time, so that syncs see realistic changes. Pure and deterministic given
 * the random: {@link #act} looks at one CRM-neutral {@link DealState} at an instant and returns what its owner does to
 * it as a {@link DealChange} (apply it with {@link DealState#apply}); {@link #step} does that for a sample of deals.
 * Closed deals do nothing. Date criteria are judged on the day of {@code now} in the driver's zone, so next steps lapse
 * by themselves as simulated time passes.
 *
 * <p>One action per call, drawn by weight from those possible for the deal (an impossible one is dropped and the draw
 * repeated):
 * <table>
 *   <caption>Relative weights by the owner's habit</caption>
 *   <tr><th>action</th><th>OPTIMIST</th><th>CAREFUL</th><th>RELIABLE</th><th>AVERAGE</th><th>possible when</th></tr>
 *   <tr><td>FILL_CRITERION</td><td>10</td><td>30</td><td>35</td><td>22</td><td>an exit criterion of the recorded or an earlier
 *       stage is unmet and not an expression; the lowest one with 70 %, else any; values that would break a met
 *       criterion are not used</td></tr>
 *   <tr><td>BOOK_NEXT_STEP</td><td>8</td><td>20</td><td>25</td><td>15</td><td>the playbook has a next-step field (one a
 *       {@code dateTodayOrLater} rule reads): set to today + 1–14 days, or a booked future one moved 1–14 days later</td></tr>
 *   <tr><td>ADVANCE</td><td>15</td><td>18</td><td>20</td><td>18</td><td>to the next mappable journey stage (its first CRM
 *       stage) when the move skips no criteria; or to a later CRM stage of the same journey stage (40 % when both)</td></tr>
 *   <tr><td>ADVANCE_SKIPPING</td><td>30</td><td>2</td><td>1</td><td>8</td><td>a forward move to some later journey stage
 *       would skip criteria or whole stages: one of those targets at random</td></tr>
 *   <tr><td>REGRESS</td><td>4</td><td>6</td><td>5</td><td>5</td><td>an earlier mappable journey stage exists: to one of its
 *       CRM stages</td></tr>
 *   <tr><td>CLOSE_WON</td><td>8</td><td>6</td><td>6</td><td>7</td><td>recorded at one of the last two mappable stages;
 *       weight ×2 when qualified with every criterion of the stage met, ×0.3 when over-staged</td></tr>
 *   <tr><td>CLOSE_LOST</td><td>6</td><td>6</td><td>5</td><td>7</td><td>always; ×2 when over-staged, ×1.5 when a next
 *       step has lapsed</td></tr>
 *   <tr><td>CHANGE_AMOUNT</td><td>9</td><td>6</td><td>2</td><td>8</td><td>always: × 0.80–1.25, rounded to hundreds</td></tr>
 *   <tr><td>CHANGE_CLOSE_DATE</td><td>10</td><td>6</td><td>1</td><td>10</td><td>always: slips 1–6 weeks (from today if
 *       already past), or 20 % of the time pulled in 1–3 weeks but not before today</td></tr>
 *   <tr><td>ADD_STAKEHOLDER</td><td>2</td><td>12</td><td>10</td><td>6</td><td>a criterion counts related records (contact
 *       roles, associated contacts) and the deal has fewer than {@value #MAX_STAKEHOLDERS}: one more, 30 % of the time two,
 *       so counts grow over time whether or not a criterion asks for them yet</td></tr>
 * </table>
 * Closing sets the close date to the day it happened. Every change carries the instant {@code now}, or one second
 * after the deal's latest stage change when {@code now} is not later, so histories stay strictly increasing.
 */
public final class ScenarioDriver {
    /** The most stakeholders a rep adds to one deal. */
    static final int MAX_STAKEHOLDERS = 8;
    private static final Map<Habit, double[]> WEIGHTS = new EnumMap<>(Habit.class);

    static {
        // order of DealChange.Action: FILL, BOOK, ADVANCE, SKIP, REGRESS, WON, LOST, AMOUNT, CLOSE_DATE, STAKEHOLDER
        WEIGHTS.put(Habit.OPTIMIST, new double[] {10, 8, 15, 30, 4, 8, 6, 9, 10, 2});
        WEIGHTS.put(Habit.CAREFUL, new double[] {30, 20, 18, 2, 6, 6, 6, 6, 6, 12});
        WEIGHTS.put(Habit.RELIABLE, new double[] {35, 25, 20, 1, 5, 6, 5, 2, 1, 10});
        WEIGHTS.put(Habit.AVERAGE, new double[] {22, 15, 18, 8, 5, 7, 7, 8, 10, 6});
    }

    private final Playbook playbook;
    private final ZoneId zone;
    private final RuleValues values;
    private final List<PipelineModel> pipelines;
    private final Evaluator evaluator;
    private final List<String> relations;

    /** @param zone the zone in which "today" is judged (the generator's clock zone) */
    public ScenarioDriver(Playbook playbook, ZoneId zone) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.values = RuleValues.of(playbook);
        this.pipelines = PipelineModel.reachable(playbook, values);
        this.evaluator = new Evaluator(playbook, Clock.system(zone));
        this.relations = List.copyOf(playbook.criteriaRelations());
    }

    public Playbook playbook() {
        return playbook;
    }

    /**
     * Lets the owner of each open deal of {@code sample} act once at {@code now}, in sample order; closed deals are
     * skipped, and a deal listed more than once acts only the first time (each change is computed from the state given,
     * so a second one would be computed from a stale state).
     */
    public List<DealChange> step(List<DealState> sample, Instant now, SplittableRandom random) {
        List<DealChange> changes = new ArrayList<>(sample.size());
        Set<Integer> acted = new HashSet<>();
        for (DealState deal : sample) {
            if (acted.add(deal.seq())) {
                act(deal, now, random).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /**
     * What the owner does to {@code deal} at {@code now}: empty for a closed deal.
     *
     * @throws IllegalArgumentException if the deal's pipeline or stage is not in the playbook
     */
    public Optional<DealChange> act(DealState deal, Instant now, SplittableRandom random) {
        Turn turn = turn(deal, now, random);
        if (turn == null) {
            return Optional.empty();
        }
        double[] weights = weights(turn);
        Action[] actions = Action.values();
        while (true) {
            int chosen = draw(weights, random);
            if (chosen < 0) {
                return Optional.empty();
            }
            DealChange change = perform(actions[chosen], turn);
            if (change != null) {
                return Optional.of(change);
            }
            weights[chosen] = 0;
        }
    }

    /** Whether the deal's stage is an open one. */
    public boolean isOpen(DealState deal) {
        return position(model(deal), deal).isOpen();
    }

    /** The engine's view of a deal (id {@code deal-<seq>}), as {@link OrgGenerator#toOpportunity} gives it. */
    public Opportunity toOpportunity(DealState deal) {
        return opportunity(model(deal), deal, deal.fields(), deal.related());
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One deal at one instant, evaluated. */
    private final class Turn {
        final DealState deal;
        final PipelineModel model;
        final int stage;
        final LocalDate today;
        final Instant at;
        final Opportunity opportunity;
        final Evaluation evaluation;
        final SplittableRandom random;

        Turn(DealState deal, PipelineModel model, int stage, Instant now, SplittableRandom random) {
            this.deal = deal;
            this.model = model;
            this.stage = stage;
            this.today = LocalDate.ofInstant(now, zone);
            Instant last = deal.lastStageChange();
            this.at = last != null && !now.isAfter(last) ? last.plusSeconds(1) : now;
            this.opportunity = opportunity(model, deal, deal.fields(), deal.related());
            this.evaluation = evaluator.evaluate(opportunity, today);
            this.random = random;
        }
    }

    private Turn turn(DealState deal, Instant now, SplittableRandom random) {
        PipelineModel model = model(deal);
        StagePosition position = position(model, deal);
        return position.isOpen() ? new Turn(deal, model, position.index(), now, random) : null;
    }

    private PipelineModel model(DealState deal) {
        return PipelineModel.find(pipelines, deal.pipeline());
    }

    private static StagePosition position(PipelineModel model, DealState deal) {
        return model.pipeline.position(deal.stage()).orElseThrow(() ->
                new IllegalArgumentException("deal " + deal.seq() + ": stage '" + deal.stage() + "' is not mapped in pipeline '" + deal.pipeline() + "'"));
    }

    private Opportunity opportunity(PipelineModel model, DealState deal, Map<String, Object> fields, Map<String, Integer> related) {
        return model.opportunity(deal.seq(), deal.stage(), deal.amount(), deal.currency(), deal.closeDate(), deal.owner(),
                fields, related, deal.history(), zone);
    }

    private double[] weights(Turn turn) {
        double[] weights = WEIGHTS.get(turn.deal.owner().habit()).clone();
        boolean over = turn.evaluation.overStaged();
        weights[Action.CLOSE_WON.ordinal()] *= !over && currentStageMet(turn) ? 2.0 : over ? 0.3 : 1.0;
        weights[Action.CLOSE_LOST.ordinal()] *= (over ? 2.0 : 1.0) * (nextStepLapsed(turn) ? 1.5 : 1.0);
        return weights;
    }

    private static boolean currentStageMet(Turn turn) {
        for (CriterionVerdict verdict : turn.evaluation.verdicts()) {
            if (verdict.stageIndex() == turn.stage && !verdict.met()) {
                return false;
            }
        }
        return true;
    }

    private boolean nextStepLapsed(Turn turn) {
        for (String field : values.scheduleFields()) {
            LocalDate date = asDate(turn.deal.fields().get(field));
            if (date != null && date.isBefore(turn.today)) {
                return true;
            }
        }
        return false;
    }

    private static int draw(double[] weights, SplittableRandom random) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        if (total <= 0) {
            return -1;
        }
        double roll = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                roll -= weights[i];
                if (roll < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    private DealChange perform(Action action, Turn turn) {
        switch (action) {
            case FILL_CRITERION:
                return fill(turn);
            case BOOK_NEXT_STEP:
                return bookNextStep(turn);
            case ADVANCE:
                return advance(turn);
            case ADVANCE_SKIPPING:
                return advanceSkipping(turn);
            case REGRESS:
                return regress(turn);
            case CLOSE_WON:
                return close(turn, true);
            case CLOSE_LOST:
                return close(turn, false);
            case CHANGE_AMOUNT:
                return changeAmount(turn);
            case CHANGE_CLOSE_DATE:
                return changeCloseDate(turn);
            case ADD_STAKEHOLDER:
                return addStakeholder(turn);
            default:
                throw new IllegalStateException("unknown action " + action);
        }
    }

    private static DealChange change(Turn turn, Action action, String stage, Map<String, Object> fields, Map<String, Integer> related,
            BigDecimal amount, LocalDate closeDate) {
        return new DealChange(turn.deal.seq(), turn.at, action, stage, fields, related, amount, closeDate);
    }

    // ---- FILL_CRITERION ----------------------------------------------------------------------------------------

    private DealChange fill(Turn turn) {
        List<CriterionVerdict> unmet = new ArrayList<>();
        for (CriterionVerdict verdict : turn.evaluation.verdicts()) {
            if (!verdict.met()) {
                unmet.add(verdict);
            }
        }
        if (unmet.isEmpty()) {
            return null;
        }
        int start = turn.random.nextDouble() < 0.7 ? 0 : turn.random.nextInt(unmet.size());
        for (int k = 0; k < unmet.size(); k++) {
            Rule rule = unmet.get((start + k) % unmet.size()).criterion().rule();
            Map<String, Object> fields = new HashMap<>();
            Map<String, Integer> related = new HashMap<>();
            if (!fillRule(rule, turn, fields, related)) {
                continue;
            }
            Opportunity after = overlay(turn, fields, related);
            if (rule.evaluate(after, turn.today).met() && keepsMet(turn, after)) {
                return change(turn, Action.FILL_CRITERION, null, fields, related, null, null);
            }
        }
        return null;
    }

    /** Adds to {@code fields}/{@code related} what it takes to meet {@code rule}; false when it cannot be done. */
    private boolean fillRule(Rule rule, Turn turn, Map<String, Object> fields, Map<String, Integer> related) {
        if (rule.evaluate(overlay(turn, fields, related), turn.today).met()) {
            return true;
        }
        if (rule instanceof Rule.AllOf) {
            for (Rule part : ((Rule.AllOf) rule).rules()) {
                if (!fillRule(part, turn, fields, related)) {
                    return false;
                }
            }
            return true;
        }
        if (rule instanceof Rule.AnyOf) {
            List<Rule> parts = ((Rule.AnyOf) rule).rules();
            int start = turn.random.nextInt(parts.size());
            for (int k = 0; k < parts.size(); k++) {
                Map<String, Object> savedFields = new HashMap<>(fields);
                Map<String, Integer> savedRelated = new HashMap<>(related);
                if (fillRule(parts.get((start + k) % parts.size()), turn, fields, related)) {
                    return true;
                }
                fields.clear();
                fields.putAll(savedFields);
                related.clear();
                related.putAll(savedRelated);
            }
            return false;
        }
        if (rule instanceof Rule.Expression) {
            return false;
        }
        FieldValues satisfying = values.satisfy(rule, turn.today, turn.random, -7);
        for (String field : rule.fields()) {
            Object value = satisfying.fields().get(field);
            if (value == null) {
                return false;
            }
            fields.put(field, value);
        }
        for (String relation : rule.relations()) {
            related.put(relation, satisfying.related().get(relation));
        }
        return true;
    }

    private Opportunity overlay(Turn turn, Map<String, Object> fields, Map<String, Integer> related) {
        Map<String, Object> allFields = turn.deal.fields();
        if (!fields.isEmpty()) {
            allFields = new HashMap<>(allFields);
            allFields.putAll(fields);
        }
        Map<String, Integer> allRelated = turn.deal.related();
        if (!related.isEmpty()) {
            allRelated = new HashMap<>(allRelated);
            allRelated.putAll(related);
        }
        return opportunity(turn.model, turn.deal, allFields, allRelated);
    }

    /** No criterion met before is unmet after. */
    private boolean keepsMet(Turn turn, Opportunity after) {
        List<CriterionVerdict> before = turn.evaluation.verdicts();
        List<CriterionVerdict> now = evaluator.evaluate(after, turn.today).verdicts();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).met() && !now.get(i).met()) {
                return false;
            }
        }
        return true;
    }

    // ---- BOOK_NEXT_STEP ----------------------------------------------------------------------------------------

    private DealChange bookNextStep(Turn turn) {
        List<String> schedule = values.scheduleFields();
        if (schedule.isEmpty()) {
            return null;
        }
        String field = schedule.get(turn.random.nextInt(schedule.size()));
        LocalDate current = asDate(turn.deal.fields().get(field));
        LocalDate base = current != null && !current.isBefore(turn.today) ? current : turn.today;
        Map<String, Object> fields = Map.of(field, base.plusDays(1 + turn.random.nextInt(14)));
        if (!keepsMet(turn, overlay(turn, fields, Map.of()))) {
            return null;
        }
        return change(turn, Action.BOOK_NEXT_STEP, null, fields, null, null, null);
    }

    private static LocalDate asDate(Object value) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof CharSequence && value.toString().length() >= 10) {
            try {
                return LocalDate.parse(value.toString().substring(0, 10));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    // ---- stage moves -------------------------------------------------------------------------------------------

    private DealChange advance(Turn turn) {
        List<CrmStage> crmStages = turn.model.crmStages(turn.stage);
        int index = indexOf(crmStages, turn.deal.stage());
        String within = index < crmStages.size() - 1
                ? crmStages.get(index + 1 + turn.random.nextInt(crmStages.size() - index - 1)).value()
                : null;
        String forward = null;
        int next = turn.model.nextRecordable(turn.stage);
        if (next >= 0) {
            String target = turn.model.crmStages(next).get(0).value();
            if (!evaluator.transition(turn.opportunity, turn.deal.stage(), target, turn.at).skippedCriteria()) {
                forward = target;
            }
        }
        if (within == null && forward == null) {
            return null;
        }
        String target = within == null ? forward : forward == null ? within : turn.random.nextDouble() < 0.4 ? within : forward;
        return change(turn, Action.ADVANCE, target, null, null, null, null);
    }

    private DealChange advanceSkipping(Turn turn) {
        List<String> targets = new ArrayList<>();
        for (int stage : turn.model.recordable) {
            if (stage > turn.stage) {
                List<CrmStage> crmStages = turn.model.crmStages(stage);
                String target = crmStages.get(turn.random.nextInt(crmStages.size())).value();
                StageTransition move = evaluator.transition(turn.opportunity, turn.deal.stage(), target, turn.at);
                if (move.skippedCriteria() || move.skippedStagesFlag()) {
                    targets.add(target);
                }
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        return change(turn, Action.ADVANCE_SKIPPING, targets.get(turn.random.nextInt(targets.size())), null, null, null, null);
    }

    private DealChange regress(Turn turn) {
        int previous = turn.model.previousRecordable(turn.stage);
        if (previous < 0) {
            return null;
        }
        List<CrmStage> crmStages = turn.model.crmStages(previous);
        return change(turn, Action.REGRESS, crmStages.get(turn.random.nextInt(crmStages.size())).value(), null, null, null, null);
    }

    private DealChange close(Turn turn, boolean won) {
        String value = turn.model.closedValue(won);
        if (value == null) {
            return null;
        }
        if (won && turn.stage < turn.model.previousRecordable(turn.model.lastRecordable())) {
            return null;
        }
        return change(turn, won ? Action.CLOSE_WON : Action.CLOSE_LOST, value, null, null, null, turn.today);
    }

    private static int indexOf(List<CrmStage> stages, String value) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).value().equals(value)) {
                return i;
            }
        }
        throw new IllegalStateException("CRM stage " + value + " not in its journey stage");
    }

    // ---- amount and close date ---------------------------------------------------------------------------------

    private static DealChange changeAmount(Turn turn) {
        BigDecimal current = turn.deal.amount() == null ? BigDecimal.valueOf(10_000) : turn.deal.amount();
        double factor = 0.80 + 0.45 * turn.random.nextDouble();
        long amount = Math.max(1_000, Math.round(current.doubleValue() * factor / 100) * 100);
        BigDecimal changed = BigDecimal.valueOf(amount);
        if (changed.compareTo(current) == 0) {
            changed = changed.add(BigDecimal.valueOf(500));
        }
        return change(turn, Action.CHANGE_AMOUNT, null, null, null, changed, null);
    }

    private static DealChange changeCloseDate(Turn turn) {
        LocalDate current = turn.deal.closeDate() == null ? turn.today.plusDays(30) : turn.deal.closeDate();
        LocalDate changed;
        if (current.isBefore(turn.today) || turn.random.nextDouble() < 0.8) {
            changed = (current.isBefore(turn.today) ? turn.today : current).plusDays(7 + turn.random.nextInt(36));
        } else {
            changed = current.minusDays(7 + turn.random.nextInt(15));
            if (changed.isBefore(turn.today)) {
                changed = turn.today;
            }
            if (changed.equals(current)) {
                changed = current.plusDays(7);
            }
        }
        return change(turn, Action.CHANGE_CLOSE_DATE, null, null, null, null, changed);
    }

    // ---- stakeholders ------------------------------------------------------------------------------------------

    private DealChange addStakeholder(Turn turn) {
        if (relations.isEmpty()) {
            return null;
        }
        String relation = relations.get(turn.random.nextInt(relations.size()));
        int current = turn.deal.related().getOrDefault(relation, 0);
        if (current >= MAX_STAKEHOLDERS) {
            return null;
        }
        int added = turn.random.nextDouble() < 0.3 ? 2 : 1;
        Map<String, Integer> related = Map.of(relation, Math.min(MAX_STAKEHOLDERS, current + added));
        if (!keepsMet(turn, overlay(turn, Map.of(), related))) {
            return null;
        }
        return change(turn, Action.ADD_STAKEHOLDER, null, null, related, null, null);
    }
}

package io.stagegate.sandbox.org;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StagePosition;
import io.stagegate.sandbox.org.DealChange.Action;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
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
    private final FieldActions fieldActions;
    private final StageActions stageActions;

    /** @param zone the zone in which "today" is judged (the generator's clock zone) */
    public ScenarioDriver(Playbook playbook, ZoneId zone) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.values = RuleValues.of(playbook);
        this.pipelines = PipelineModel.reachable(playbook, values);
        this.evaluator = new Evaluator(playbook, Clock.system(zone));
        this.fieldActions = new FieldActions(values, List.copyOf(playbook.criteriaRelations()));
        this.stageActions = new StageActions(evaluator);
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
        DealTurn turn = turn(deal, now, random);
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
        return DealTurn.opportunity(model(deal), deal, deal.fields(), deal.related(), zone);
    }

    private DealTurn turn(DealState deal, Instant now, SplittableRandom random) {
        PipelineModel model = model(deal);
        StagePosition position = position(model, deal);
        return position.isOpen() ? new DealTurn(deal, model, position.index(), now, random, zone, evaluator) : null;
    }

    private PipelineModel model(DealState deal) {
        return PipelineModel.find(pipelines, deal.pipeline());
    }

    private static StagePosition position(PipelineModel model, DealState deal) {
        return model.pipeline.position(deal.stage()).orElseThrow(() ->
                new IllegalArgumentException("deal " + deal.seq() + ": stage '" + deal.stage() + "' is not mapped in pipeline '" + deal.pipeline() + "'"));
    }

    private double[] weights(DealTurn turn) {
        double[] weights = WEIGHTS.get(turn.deal.owner().habit()).clone();
        boolean over = turn.evaluation.overStaged();
        weights[Action.CLOSE_WON.ordinal()] *= !over && currentStageMet(turn) ? 2.0 : over ? 0.3 : 1.0;
        weights[Action.CLOSE_LOST.ordinal()] *= (over ? 2.0 : 1.0) * (nextStepLapsed(turn) ? 1.5 : 1.0);
        return weights;
    }

    private static boolean currentStageMet(DealTurn turn) {
        for (CriterionVerdict verdict : turn.evaluation.verdicts()) {
            if (verdict.stageIndex() == turn.stage && !verdict.met()) {
                return false;
            }
        }
        return true;
    }

    private boolean nextStepLapsed(DealTurn turn) {
        for (String field : values.scheduleFields()) {
            LocalDate date = FieldActions.asDate(turn.deal.fields().get(field));
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

    private DealChange perform(Action action, DealTurn turn) {
        switch (action) {
            case FILL_CRITERION:
                return fieldActions.fill(turn);
            case BOOK_NEXT_STEP:
                return fieldActions.bookNextStep(turn);
            case ADVANCE:
                return stageActions.advance(turn);
            case ADVANCE_SKIPPING:
                return stageActions.advanceSkipping(turn);
            case REGRESS:
                return stageActions.regress(turn);
            case CLOSE_WON:
                return stageActions.close(turn, true);
            case CLOSE_LOST:
                return stageActions.close(turn, false);
            case CHANGE_AMOUNT:
                return changeAmount(turn);
            case CHANGE_CLOSE_DATE:
                return changeCloseDate(turn);
            case ADD_STAKEHOLDER:
                return fieldActions.addStakeholder(turn);
            default:
                throw new IllegalStateException("unknown action " + action);
        }
    }

    // ---- amount and close date ---------------------------------------------------------------------------------

    private static DealChange changeAmount(DealTurn turn) {
        BigDecimal current = turn.deal.amount() == null ? BigDecimal.valueOf(10_000) : turn.deal.amount();
        double factor = 0.80 + 0.45 * turn.random.nextDouble();
        long amount = Math.max(1_000, Math.round(current.doubleValue() * factor / 100) * 100);
        BigDecimal changed = BigDecimal.valueOf(amount);
        if (changed.compareTo(current) == 0) {
            changed = changed.add(BigDecimal.valueOf(500));
        }
        return turn.change(Action.CHANGE_AMOUNT, null, null, null, changed, null);
    }

    private static DealChange changeCloseDate(DealTurn turn) {
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
        return turn.change(Action.CHANGE_CLOSE_DATE, null, null, null, null, changed);
    }
}

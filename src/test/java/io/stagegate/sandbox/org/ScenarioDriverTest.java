package io.stagegate.sandbox.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.criteria.StageTransition;
import io.stagegate.sandbox.org.DealChange.Action;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioDriverTest {
    private static final Instant NOW = OrgGeneratorTest.NOW;
    private static final int STEPS = 600;
    private static final int PER_STEP = 15;

    static Stream<Arguments> orgs() {
        return Stream.of(
                Arguments.of("salesforce", OrgGeneratorTest.SALESFORCE, ZoneOffset.UTC),
                Arguments.of("hubspot", OrgGeneratorTest.HUBSPOT, ZoneId.of("America/New_York")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orgs")
    void repsActOnTheirDealsAndEveryChangeIsWhatItSays(String name, Playbook playbook, ZoneId zone) {
        Run run = simulate(playbook, zone, 11);
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        run.changes.forEach(change -> counts.merge(change.action(), 1, Integer::sum));
        Map<Habit, int[]> skips = new EnumMap<>(Habit.class);
        // skip rates pooled over three runs: one run holds only about a hundred actions of the optimist, too few for a ratio
        for (Run pooled : List.of(run, simulate(playbook, zone, 12), simulate(playbook, zone, 13))) {
            for (DealChange change : pooled.changes) {
                int[] habit = skips.computeIfAbsent(pooled.states.get(change.seq()).owner().habit(), k -> new int[2]);
                habit[0]++;
                habit[1] += change.action() == Action.ADVANCE_SKIPPING ? 1 : 0;
            }
        }
        StringBuilder rates = new StringBuilder();
        skips.forEach((habit, n) -> rates.append(String.format(" %s %.1f %% of %d,", habit, 100.0 * n[1] / n[0], n[0])));
        System.out.println(name + ": " + run.changes.size() + " changes over " + STEPS + " steps: " + counts
                + "; skipping advances among each habit's actions:" + rates);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Action.values());
        int[] disciplined = {skips.get(Habit.CAREFUL)[0] + skips.get(Habit.RELIABLE)[0], skips.get(Habit.CAREFUL)[1] + skips.get(Habit.RELIABLE)[1]};
        assertThat(share(skips, Habit.OPTIMIST)).as("the optimist skips far more often")
                .isGreaterThan(2 * share(skips, Habit.AVERAGE))
                .isGreaterThan(5 * disciplined[1] / (double) disciplined[0]);

        Evaluator evaluator = new Evaluator(playbook, Clock.fixed(run.end, zone));
        ScenarioDriver driver = new ScenarioDriver(playbook, zone);
        for (DealState deal : run.states) {
            Evaluation evaluation = evaluator.evaluate(driver.toOpportunity(deal));
            assertThat(evaluation.recordedStage().crmStage()).isEqualTo(deal.stage());
            List<StageChange> history = deal.history();
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).at()).isAfter(history.get(i - 1).at());
            }
            assertThat(history.get(history.size() - 1).stage()).isEqualTo(deal.stage());
            if (!driver.isOpen(deal)) {
                assertThat(driver.act(deal, run.end, new SplittableRandom(1))).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orgs")
    void repsAddStakeholdersSoRelatedCountsGrowOverTime(String name, Playbook playbook, ZoneId zone) {
        Run run = simulate(playbook, zone, 13);
        String relation = playbook.criteriaRelations().iterator().next();
        Map<Habit, Integer> added = new EnumMap<>(Habit.class);
        Map<Habit, Integer> actions = new EnumMap<>(Habit.class);
        for (DealChange change : run.changes) {
            Habit habit = run.states.get(change.seq()).owner().habit();
            actions.merge(habit, 1, Integer::sum);
            if (change.action() == Action.ADD_STAKEHOLDER) {
                added.merge(habit, 1, Integer::sum);
            }
        }
        List<DealState> start = new OrgGenerator(playbook, 13, 400, Clock.fixed(NOW, zone)).deals().map(DealState::of).collect(Collectors.toList());
        long grown = run.states.stream().filter(deal -> deal.related().getOrDefault(relation, 0) > start.get(deal.seq()).related().getOrDefault(relation, 0))
                .count();
        System.out.println(name + ": stakeholders added " + added + " among actions " + actions + "; " + grown + " deals have more " + relation);

        assertThat(grown).isGreaterThan(20);
        assertThat(added.getOrDefault(Habit.CAREFUL, 0) / (double) actions.get(Habit.CAREFUL)).as("careful reps add stakeholders far more often")
                .isGreaterThan(2.0 * added.getOrDefault(Habit.OPTIMIST, 0) / actions.get(Habit.OPTIMIST));
    }

    @Test
    void isDeterministicGivenTheRandom() {
        Run one = simulate(OrgGeneratorTest.SALESFORCE, ZoneOffset.UTC, 5);
        Run two = simulate(OrgGeneratorTest.SALESFORCE, ZoneOffset.UTC, 5);
        assertThat(one.changes).isEqualTo(two.changes);
        assertThat(one.states).isEqualTo(two.states);
        assertThat(simulate(OrgGeneratorTest.SALESFORCE, ZoneOffset.UTC, 6).changes).isNotEqualTo(one.changes);
    }

    @Test
    void refusesAChangeForAnotherDealAndAnUnmappedStage() {
        OrgGenerator generator = new OrgGenerator(OrgGeneratorTest.SALESFORCE, 1, 10, Clock.fixed(NOW, ZoneOffset.UTC));
        DealState deal = DealState.of(generator.deal(3));
        DealChange other = new DealChange(4, NOW, Action.CHANGE_AMOUNT, null, null, null, java.math.BigDecimal.TEN, null);
        assertThatThrownBy(() -> deal.apply(other)).isInstanceOf(IllegalArgumentException.class);
        DealState retired = new DealState(3, deal.owner(), deal.pipeline(), "Retired Stage", deal.amount(), deal.currency(), deal.closeDate(),
                deal.fields(), deal.related(), deal.history());
        ScenarioDriver driver = new ScenarioDriver(OrgGeneratorTest.SALESFORCE, ZoneOffset.UTC);
        assertThatThrownBy(() -> driver.act(retired, NOW, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static double share(Map<Habit, int[]> counts, Habit habit) {
        return counts.get(habit)[1] / (double) counts.get(habit)[0];
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Run {
        final List<DealChange> changes = new ArrayList<>();
        List<DealState> states;
        Instant end;
    }

    /** Steps the org through simulated time, checking every change against the engine as it is applied. */
    private static Run simulate(Playbook playbook, ZoneId zone, long seed) {
        Clock clock = Clock.fixed(NOW, zone);
        OrgGenerator generator = new OrgGenerator(playbook, seed, 400, clock);
        ScenarioDriver driver = new ScenarioDriver(playbook, zone);
        Evaluator evaluator = new Evaluator(playbook, clock);
        List<String> schedule = RuleValues.of(playbook).scheduleFields();
        Run run = new Run();
        run.states = generator.deals().map(DealState::of).collect(Collectors.toList());
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = NOW;
        for (int step = 0; step < STEPS; step++) {
            now = now.plusSeconds(2 * 3600 + random.nextInt(3600));
            LocalDate today = LocalDate.ofInstant(now, zone);
            List<DealState> sample = new ArrayList<>();
            for (int i = 0; i < PER_STEP; i++) {
                sample.add(run.states.get(random.nextInt(run.states.size())));
            }
            for (DealChange change : driver.step(sample, now, random)) {
                DealState before = run.states.get(change.seq());
                DealState after = before.apply(change);
                check(change, before, after, today, driver, evaluator, schedule);
                run.states.set(change.seq(), after);
                run.changes.add(change);
            }
        }
        run.end = now;
        return run;
    }

    private static void check(DealChange change, DealState before, DealState after, LocalDate today, ScenarioDriver driver,
            Evaluator evaluator, List<String> schedule) {
        assertThat(driver.isOpen(before)).isTrue();
        assertThat(change.at()).isAfter(before.lastStageChange());
        StageTransition move = change.changesStage()
                ? evaluator.transition(driver.toOpportunity(before), before.stage(), change.stage(), change.at())
                : null;
        switch (change.action()) {
            case ADVANCE:
                assertThat(move.kind()).isIn(StageTransition.Kind.ADVANCE, StageTransition.Kind.WITHIN_STAGE);
                assertThat(move.skippedCriteria()).isFalse();
                break;
            case ADVANCE_SKIPPING:
                assertThat(move.kind()).isEqualTo(StageTransition.Kind.ADVANCE);
                assertThat(move.skippedCriteria() || move.skippedStagesFlag()).isTrue();
                break;
            case REGRESS:
                assertThat(move.kind()).isEqualTo(StageTransition.Kind.REGRESSION);
                break;
            case CLOSE_WON:
                assertThat(move.kind()).isEqualTo(StageTransition.Kind.WON);
                assertThat(after.closeDate()).isEqualTo(today);
                break;
            case CLOSE_LOST:
                assertThat(move.kind()).isEqualTo(StageTransition.Kind.LOST);
                assertThat(after.closeDate()).isEqualTo(today);
                break;
            case FILL_CRITERION: {
                List<CriterionVerdict> was = evaluator.evaluate(driver.toOpportunity(before), today).verdicts();
                List<CriterionVerdict> is = evaluator.evaluate(driver.toOpportunity(after), today).verdicts();
                int gained = 0;
                for (int i = 0; i < was.size(); i++) {
                    assertThat(!was.get(i).met() || is.get(i).met()).as("a met criterion stays met").isTrue();
                    gained += !was.get(i).met() && is.get(i).met() ? 1 : 0;
                }
                assertThat(gained).isPositive();
                assertThat(move).isNull();
                break;
            }
            case BOOK_NEXT_STEP:
                assertThat(change.fields()).hasSize(1);
                assertThat(schedule).contains(change.fields().keySet().iterator().next());
                assertThat((LocalDate) change.fields().values().iterator().next()).isAfter(today);
                break;
            case CHANGE_AMOUNT:
                assertThat(after.amount()).isNotEqualByComparingTo(before.amount());
                break;
            case CHANGE_CLOSE_DATE:
                assertThat(after.closeDate()).isNotEqualTo(before.closeDate()).isAfterOrEqualTo(today);
                break;
            case ADD_STAKEHOLDER: {
                assertThat(change.related()).hasSize(1);
                String relation = change.related().keySet().iterator().next();
                int added = after.related().get(relation) - before.related().getOrDefault(relation, 0);
                assertThat(added).isBetween(1, 2);
                assertThat(after.related().get(relation)).isLessThanOrEqualTo(ScenarioDriver.MAX_STAKEHOLDERS);
                assertThat(change.fields()).isEmpty();
                assertThat(move).isNull();
                break;
            }
            default:
                throw new AssertionError(change.action());
        }
    }
}

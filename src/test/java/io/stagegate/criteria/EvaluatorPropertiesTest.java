package io.stagegate.criteria;

import static io.stagegate.criteria.RandomDeals.BAD;
import static io.stagegate.criteria.RandomDeals.EMPTY;
import static io.stagegate.criteria.RandomDeals.GOOD;
import static io.stagegate.criteria.RandomDeals.HUBSPOT_OPEN_STAGES;
import static io.stagegate.criteria.RandomDeals.SLOTS;
import static io.stagegate.criteria.TestPlaybooks.I_AWARENESS;
import static io.stagegate.criteria.TestPlaybooks.I_DECISION;
import static io.stagegate.criteria.TestPlaybooks.OPEN_SALESFORCE_STAGES;

import io.stagegate.criteria.RandomDeals.Spec;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** The evaluator invariants of {@link RandomDeals} as jqwik properties (with shrinking of failing deals). */
class EvaluatorPropertiesTest {

    /**
     * Random open deals, see {@link RandomDeals#random}: half with uniform slot states, half with slots mostly good so
     * that every qualified stage is reached (checked by the coverage in {@link #qualifiedStageFollowsTheDefinition}).
     */
    @Provide
    Arbitrary<Spec> openDeals() {
        Arbitrary<Boolean> hubspot = Arbitraries.of(false, true);
        Arbitrary<Integer> stagePick = Arbitraries.integers().between(0, 8 * 5 - 1);
        Arbitrary<Integer> uniform = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> mostlyGood = Arbitraries.frequency(Tuple.of(92, GOOD), Tuple.of(4, EMPTY), Tuple.of(4, BAD));
        Arbitrary<List<Integer>> states = Arbitraries.oneOf(
                uniform.list().ofSize(SLOTS.size()), mostlyGood.list().ofSize(SLOTS.size()));
        Arbitrary<String> currency = Arbitraries.of(RandomDeals.CURRENCIES);
        Arbitrary<Long> units = Arbitraries.longs().between(0, 100_000_000_000L).withDistribution(RandomDistribution.biased());
        return Combinators.combine(hubspot, stagePick, states, currency, units).as((hs, pick, s, cur, u) -> {
            List<String> stages = hs ? HUBSPOT_OPEN_STAGES : OPEN_SALESFORCE_STAGES;
            return RandomDeals.spec(hs, stages.get(pick % stages.size()), s, cur, u);
        });
    }

    @Property(tries = 2000)
    void qualifiedStageIsNeverAboveTheRecordedStage(@ForAll("openDeals") Spec spec) {
        RandomDeals.qualifiedStageIsNeverAboveTheRecordedStage(spec);
    }

    @Property(tries = 2000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void qualifiedStageFollowsTheDefinition(@ForAll("openDeals") Spec spec) {
        int q = RandomDeals.qualifiedStageFollowsTheDefinition(spec);

        Statistics.collect(q);
        Statistics.coverage(coverage -> {
            for (int stage = I_AWARENESS; stage <= I_DECISION; stage++) {
                coverage.check(stage).percentage(percent -> percent >= 1.5);
            }
        });
    }

    @Property(tries = 2000)
    void meetingOneMoreCriterionNeverLowersTheQualifiedStage(@ForAll("openDeals") Spec spec, @ForAll @IntRange(min = 0, max = 11) int slot) {
        RandomDeals.meetingOneMoreCriterionNeverLowersTheQualifiedStage(spec, slot);
    }

    @Property(tries = 2000)
    void qualifiedForecastLiesBetweenZeroAndTheAmount(@ForAll("openDeals") Spec spec) {
        RandomDeals.qualifiedForecastLiesBetweenZeroAndTheAmount(spec);
    }

    @Property(tries = 2000)
    void qualifiedForecastNeverExceedsTheRecordedForecastWhenProbabilitiesRiseAlongTheJourney(@ForAll("openDeals") Spec spec) {
        RandomDeals.qualifiedForecastNeverExceedsTheRecordedForecast(spec);
    }

    @Property(tries = 1000)
    void evaluationIsDeterministic(@ForAll("openDeals") Spec spec) {
        RandomDeals.evaluationIsDeterministic(spec);
    }

    @Property(tries = 500)
    void closedDealsCountTheirFullAmountOrZero(@ForAll("openDeals") Spec spec, @ForAll boolean won) {
        RandomDeals.closedDealsCountTheirFullAmountOrZero(spec, won);
    }
}

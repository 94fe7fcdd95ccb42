package io.stagegate.criteria;

import static io.stagegate.criteria.TestPlaybooks.I_AWARENESS;
import static io.stagegate.criteria.TestPlaybooks.I_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.RandomDeals.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluator invariants of {@link RandomDeals} over seeded {@link Random} deals, in plain JUnit: the same checks as
 * property tests, reproducible from the seed in the test name, 3 × 3,000 deals each.
 */
class EvaluatorInvariantsTest {
    private static final int DEALS = 3_000;

    private static List<Spec> deals(long seed) {
        Random random = new Random(seed);
        List<Spec> deals = new ArrayList<>(DEALS);
        for (int i = 0; i < DEALS; i++) {
            deals.add(RandomDeals.random(random));
        }
        return deals;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void qualifiedStageIsNeverAboveTheRecordedStage(long seed) {
        deals(seed).forEach(RandomDeals::qualifiedStageIsNeverAboveTheRecordedStage);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void qualifiedStageFollowsTheDefinitionAndEveryStageIsReached(long seed) {
        int[] reached = new int[I_DECISION + 1];
        for (Spec spec : deals(seed)) {
            reached[RandomDeals.qualifiedStageFollowsTheDefinition(spec)]++;
        }
        for (int stage = I_AWARENESS; stage <= I_DECISION; stage++) {
            assertThat(reached[stage]).as("deals qualified at stage %d", stage).isGreaterThanOrEqualTo(DEALS * 15 / 1000);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void meetingOneMoreCriterionNeverLowersTheQualifiedStage(long seed) {
        Random slots = new Random(seed + 1);
        for (Spec spec : deals(seed)) {
            RandomDeals.meetingOneMoreCriterionNeverLowersTheQualifiedStage(spec, slots.nextInt(RandomDeals.SLOTS.size()));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void qualifiedForecastLiesBetweenZeroAndTheAmount(long seed) {
        deals(seed).forEach(RandomDeals::qualifiedForecastLiesBetweenZeroAndTheAmount);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void qualifiedForecastNeverExceedsTheRecordedForecastWhenProbabilitiesRiseAlongTheJourney(long seed) {
        deals(seed).forEach(RandomDeals::qualifiedForecastNeverExceedsTheRecordedForecast);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void evaluationIsDeterministic(long seed) {
        deals(seed).forEach(RandomDeals::evaluationIsDeterministic);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20261126L, 42L, 7L})
    void closedDealsCountTheirFullAmountOrZero(long seed) {
        Random outcomes = new Random(seed + 2);
        for (Spec spec : deals(seed)) {
            RandomDeals.closedDealsCountTheirFullAmountOrZero(spec, outcomes.nextBoolean());
        }
    }
}

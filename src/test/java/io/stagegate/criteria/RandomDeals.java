package io.stagegate.criteria;

import static io.stagegate.criteria.TestPlaybooks.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random opportunities of the {@link TestPlaybooks} journey, on both CRMs, and the invariants the evaluator must keep
 * on them. Used by the seeded invariant tests
 * ({@link EvaluatorInvariantsTest}).
 *
 * <p>A deal has a random open recorded stage; every criteria field is independently empty, filled with a value that
 * meets its criterion, or filled with one that does not (a past next step, "N/A", false, garbage...); its amount is a
 * random non-negative number in the scale of a random currency (USD, EUR, JPY, BHD).
 */
final class RandomDeals {
    static final Evaluator SALESFORCE = salesforceEvaluator();
    static final Evaluator HUBSPOT = hubspotEvaluator();
    static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY", "BHD");

    static final int EMPTY = 0;
    static final int GOOD = 1;
    static final int BAD = 2;

    /** One criteria field (or relation) with a value that meets its criterion today and one that does not. */
    static final class Slot {
        final String name;
        final boolean relation;
        final Object good;
        final Object bad;

        Slot(String name, boolean relation, Object good, Object bad) {
            this.name = name;
            this.relation = relation;
            this.good = good;
            this.bad = bad;
        }
    }

    static final List<Slot> SLOTS = List.of(
            new Slot(DISCOVERY_DATE, false, "2026-10-01T14:00:00.000+0000", "TBD"),
            new Slot(DEMO_DATE, false, Opps.DEMO_ON, TODAY.plusDays(3).toString()),
            new Slot(NEXT_STEP_DATE, false, epochMillis(Opps.NEXT_STEP_ON), TODAY.minusDays(1)),
            new Slot(TECH_TEAMS_MET, false, "true", "false"),
            new Slot(CONTACT_ROLES, true, 3, 2),
            new Slot(SOLUTION_NOTES, false, Opps.SOLUTION_TEXT, "N/A"),
            new Slot(SOLUTION_FIT, false, Boolean.TRUE, Boolean.FALSE),
            new Slot(BUDGET_CONFIRMED, false, "yes", "not yet"),
            new Slot(DEPLOYMENT_PLAN, false, Boolean.TRUE, "maybe"),
            new Slot(VERBAL_COMMITMENT, false, 1, 0),
            new Slot(CONTRACT_RECEIVED, false, "2026-11-20T10:00:00Z", "soon"),
            new Slot(EXPECTED_SIGNING, false, Opps.EXPECTED_SIGNING_ON, "2026-11-25"));

    /** Which slots each journey stage's exit criteria read (the oracle for the qualified stage). */
    static final int[][] SLOTS_BY_STAGE = {
            {0},
            {1, 2, 3},
            {4, 5, 6, 2},
            {7, 2},
            {8},
            {9, 10, 11}};

    static final List<String> HUBSPOT_OPEN_STAGES = List.of(HS_APPOINTMENT, HS_QUALIFIED, HS_PRESENTATION, HS_DECISION_MAKER, HS_CONTRACT);

    private static String epochMillis(LocalDate day) {
        return Long.toString(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }

    /** A generated opportunity: which CRM, which stage, the state of every slot, the amount. */
    static final class Spec {
        final boolean hubspot;
        final String stage;
        final List<Integer> states;
        final String currency;
        final BigDecimal amount;

        Spec(boolean hubspot, String stage, List<Integer> states, String currency, BigDecimal amount) {
            this.hubspot = hubspot;
            this.stage = stage;
            this.states = List.copyOf(states);
            this.currency = currency;
            this.amount = amount;
        }

        Spec with(int slot, int state) {
            List<Integer> changed = new ArrayList<>(states);
            changed.set(slot, state);
            return new Spec(hubspot, stage, changed, currency, amount);
        }

        Evaluator evaluator() {
            return hubspot ? HUBSPOT : SALESFORCE;
        }

        Opportunity opportunity() {
            Map<String, Object> fields = new HashMap<>();
            Map<String, Integer> related = new HashMap<>();
            for (int i = 0; i < SLOTS.size(); i++) {
                Slot slot = SLOTS.get(i);
                int state = states.get(i);
                if (state == EMPTY) {
                    continue;
                }
                Object value = state == GOOD ? slot.good : slot.bad;
                if (slot.relation) {
                    related.put(slot.name, (Integer) value);
                } else {
                    fields.put(slot.name, value);
                }
            }
            return new Opportunity("gen", null, stage, amount, currency, null, "rep", fields, related, TODAY.minusDays(10), null);
        }

        Evaluation evaluate() {
            return evaluator().evaluate(opportunity());
        }

        /** q by the definition: the first stage before r with a criterion whose slots are not all good, else r. */
        int expectedQualifiedIndex(int recorded) {
            for (int stage = 0; stage < recorded; stage++) {
                for (int slot : SLOTS_BY_STAGE[stage]) {
                    if (states.get(slot) != GOOD) {
                        return stage;
                    }
                }
            }
            return recorded;
        }

        @Override
        public String toString() {
            return (hubspot ? "HubSpot " : "Salesforce ") + stage + " " + states + " " + amount + " " + currency;
        }
    }

    private RandomDeals() {
    }

    /**
     * A deal drawn from {@code random}. Uniform states rarely qualify a deal past the first stages (all 8 slots of
     * stages 0-3 good: 1 in 6561), so half of the deals draw each slot good with 92 % probability; every qualified
     * stage then shows up in about 4 % of the deals or more.
     */
    static Spec random(Random random) {
        boolean hubspot = random.nextBoolean();
        List<String> stages = hubspot ? HUBSPOT_OPEN_STAGES : OPEN_SALESFORCE_STAGES;
        boolean mostlyGood = random.nextBoolean();
        List<Integer> states = new ArrayList<>();
        for (int i = 0; i < SLOTS.size(); i++) {
            if (mostlyGood) {
                int roll = random.nextInt(100);
                states.add(roll < 92 ? GOOD : roll < 96 ? EMPTY : BAD);
            } else {
                states.add(random.nextInt(3));
            }
        }
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        long units = random.nextInt(10) == 0 ? random.nextInt(3) : (long) (random.nextDouble() * 100_000_000_000L);
        return spec(hubspot, stages.get(random.nextInt(stages.size())), states, currency, units);
    }

    /** A deal whose amount is {@code units} in the smallest unit of {@code currency} (cents, yen, fils). */
    static Spec spec(boolean hubspot, String stage, List<Integer> states, String currency, long units) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return new Spec(hubspot, stage, states, currency, new BigDecimal(BigInteger.valueOf(units), digits));
    }

    // --- the invariants ---------------------------------------------------------------------------------------

    /** q ≤ r, and the deal is over-staged exactly when q < r. */
    static void qualifiedStageIsNeverAboveTheRecordedStage(Spec spec) {
        Evaluation e = spec.evaluate();

        assertThat(e.qualifiedStage().index()).as("%s", spec).isLessThanOrEqualTo(e.recordedStage().index());
        assertThat(e.overStaged()).as("%s", spec).isEqualTo(e.qualifiedStage().index() < e.recordedStage().index());
    }

    /** q is the first stage before r with an unmet criterion, else r; missing criteria lie in [q, r). Returns q. */
    static int qualifiedStageFollowsTheDefinition(Spec spec) {
        Evaluation e = spec.evaluate();

        assertThat(e.qualifiedStage().index()).as("%s", spec).isEqualTo(spec.expectedQualifiedIndex(e.recordedStage().index()));
        for (CriterionVerdict missing : e.missingCriteria()) {
            assertThat(missing.stageIndex()).as("%s", spec)
                    .isGreaterThanOrEqualTo(e.qualifiedStage().index()).isLessThan(e.recordedStage().index());
        }
        return e.qualifiedStage().index();
    }

    /** Filling one more field with a value that meets its criterion never lowers q (nor the qualified forecast). */
    static void meetingOneMoreCriterionNeverLowersTheQualifiedStage(Spec spec, int slot) {
        Evaluation before = spec.evaluate();
        Evaluation after = spec.with(slot, GOOD).evaluate();

        assertThat(after.qualifiedStage().index()).as("%s + slot %d", spec, slot).isGreaterThanOrEqualTo(before.qualifiedStage().index());
        assertThat(after.qualifiedForecast()).as("%s + slot %d", spec, slot).isGreaterThanOrEqualTo(before.qualifiedForecast());
    }

    /** 0 ≤ qualified forecast ≤ amount for an open deal, in the deal's currency and its scale. */
    static void qualifiedForecastLiesBetweenZeroAndTheAmount(Spec spec) {
        Evaluation e = spec.evaluate();

        assertThat(e.qualifiedForecast().signum()).as("%s", spec).isGreaterThanOrEqualTo(0);
        assertThat(e.qualifiedForecast()).as("%s", spec).isLessThanOrEqualTo(spec.amount);
        assertThat(e.qualifiedForecast().scale()).as("%s", spec).isEqualTo(Currency.getInstance(spec.currency).getDefaultFractionDigits());
        assertThat(e.currency()).as("%s", spec).isEqualTo(spec.currency);
    }

    /** With probabilities rising along the journey, qualified ≤ recorded forecast, equal when not over-staged. */
    static void qualifiedForecastNeverExceedsTheRecordedForecast(Spec spec) {
        Evaluation e = spec.evaluate();

        assertThat(e.qualifiedForecast()).as("%s", spec).isLessThanOrEqualTo(e.recordedForecast());
        assertThat(e.forecastGap().signum()).as("%s", spec).isGreaterThanOrEqualTo(0);
        if (!e.overStaged()) {
            assertThat(e.qualifiedForecast()).as("%s", spec).isEqualTo(e.recordedForecast());
        }
    }

    /** The same inputs twice, or through a fresh evaluator on an equal playbook and clock, give equal evaluations. */
    static void evaluationIsDeterministic(Spec spec) {
        Evaluation first = spec.evaluate();
        Evaluation second = spec.evaluate();
        Playbook playbook = spec.hubspot ? hubspot() : salesforce();
        Evaluation fresh = new Evaluator(playbook, Clock.fixed(NOW, ZoneOffset.UTC)).evaluate(spec.opportunity());

        assertThat(second).as("%s", spec).isEqualTo(first);
        assertThat(fresh).as("%s", spec).isEqualTo(first);
    }

    /** The same deal closed: won counts its full amount, lost zero, never over-staged. */
    static void closedDealsCountTheirFullAmountOrZero(Spec spec, boolean won) {
        String stage = spec.hubspot ? (won ? HS_WON : HS_LOST) : (won ? CLOSED_WON : CLOSED_LOST);
        Spec closed = new Spec(spec.hubspot, stage, spec.states, spec.currency, spec.amount);

        Evaluation e = closed.evaluate();

        assertThat(e.qualifiedForecast()).as("%s", closed).isEqualByComparingTo(won ? spec.amount : BigDecimal.ZERO);
        assertThat(e.qualifiedCategory()).as("%s", closed).isEqualTo(won ? ForecastCategory.CLOSED : ForecastCategory.OMITTED);
        assertThat(e.overStaged()).as("%s", closed).isFalse();
    }
}

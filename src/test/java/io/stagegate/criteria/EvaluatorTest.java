package io.stagegate.criteria;

import static io.stagegate.criteria.Opps.opp;
import static io.stagegate.criteria.TestPlaybooks.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagegate.playbook.CrmDialects;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every semantic case of PRODUCT.md §2 on the Salesforce-style default journey of {@link TestPlaybooks}. */
class EvaluatorTest {
    private final Evaluator salesforce = salesforceEvaluator();

    private static List<String> keys(List<CriterionVerdict> verdicts) {
        return verdicts.stream().map(CriterionVerdict::key).collect(Collectors.toList());
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }

    // --- fully qualified: q = r -------------------------------------------------------------------------------

    @Test
    void fullyQualifiedDealIsAtItsRecordedStage() {
        Evaluation e = salesforce.evaluate(opp("006A").stage(PERCEPTION_ANALYSIS).meetingAllBefore(I_DECISION_PROCESS).build());

        assertThat(e.status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(e.recordedStage()).isEqualTo(new StageRef(I_DECISION_PROCESS, DECISION_PROCESS, "Consideration — decision process", PERCEPTION_ANALYSIS));
        assertThat(e.qualifiedStage()).isEqualTo(e.recordedStage());
        assertThat(e.overStaged()).isFalse();
        assertThat(e.missingCriteria()).isEmpty();
    }

    @Test
    void fullyQualifiedForecastEqualsTheCrmWeightedAmount() {
        Evaluation e = salesforce.evaluate(opp("006A").stage(PERCEPTION_ANALYSIS).amount("100000.00")
                .meetingAllBefore(I_DECISION_PROCESS).build());

        assertThat(e.recordedProbability()).isEqualByComparingTo("0.70");
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.70");
        assertThat(e.recordedForecast()).isEqualTo(money("70000.00"));
        assertThat(e.qualifiedForecast()).isEqualTo(money("70000.00"));
        assertThat(e.forecastGap()).isEqualByComparingTo("0");
        assertThat(e.recordedCategory()).isEqualTo(ForecastCategory.BEST_CASE);
        assertThat(e.qualifiedCategory()).isEqualTo(ForecastCategory.BEST_CASE);
    }

    @Test
    void fullyQualifiedUsesTheRecordedCrmStagesOwnProbabilityNotTheLowestOfItsJourneyStage() {
        Evaluation e = salesforce.evaluate(opp("006A").stage(PROPOSAL).amount("100000.00")
                .meetingAllBefore(I_DECISION_PROCESS).build());

        assertThat(e.qualifiedStage().crmStage()).isEqualTo(PROPOSAL);
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.75");
        assertThat(e.qualifiedForecast()).isEqualTo(money("75000.00"));
    }

    @Test
    void currentStageCriteriaAreEvaluatedButDoNotLowerTheQualifiedStage() {
        Evaluation e = salesforce.evaluate(opp("006A").stage(NEGOTIATION).meetingAllBefore(I_DECISION).build());

        assertThat(e.qualifiedStage().index()).isEqualTo(I_DECISION);
        assertThat(e.verdicts()).hasSize(11);
        assertThat(e.verdicts()).filteredOn(v -> !v.met()).extracting(CriterionVerdict::key).containsExactly(C_VERBAL, C_CONTRACT);
        assertThat(e.verdicts()).filteredOn(v -> !v.met()).extracting(CriterionVerdict::stageIndex).containsOnly(I_DECISION);
        assertThat(e.missingCriteria()).isEmpty();
    }

    @Test
    void firstStageIsAlwaysQualified() {
        Evaluation e = salesforce.evaluate(opp("006A").stage(PROSPECTING).amount("1000.00").build());

        assertThat(e.qualifiedStage().index()).isEqualTo(I_AWARENESS);
        assertThat(e.overStaged()).isFalse();
        assertThat(e.qualifiedForecast()).isEqualTo(money("100.00"));
        assertThat(e.debriefQuestions()).containsExactly(DISCOVERY.question());
    }

    // --- over-staged: q < r -----------------------------------------------------------------------------------

    @Test
    void overStagedDealIsQualifiedAtTheFirstStageWithAnUnmetCriterion() {
        Evaluation e = salesforce.evaluate(opp("006B").stage(NEGOTIATION).meeting(I_AWARENESS, I_ENGAGEMENT).build());

        assertThat(e.recordedStage().index()).isEqualTo(I_DECISION);
        assertThat(e.qualifiedStage()).isEqualTo(new StageRef(I_PAIN, PAIN, "Consideration — pain", NEEDS_ANALYSIS));
        assertThat(e.overStaged()).isTrue();
        assertThat(keys(e.missingCriteria())).containsExactly(C_CAST, C_CO_CREATED, C_FIT, C_BUDGET, C_DEPLOYMENT);
    }

    @Test
    void overStagedForecastUsesTheProbabilityOfTheQualifiedStage() {
        Evaluation e = salesforce.evaluate(opp("006B").stage(NEGOTIATION).amount("100000.00")
                .meeting(I_AWARENESS, I_ENGAGEMENT).build());

        assertThat(e.recordedProbability()).isEqualByComparingTo("0.90");
        assertThat(e.recordedForecast()).isEqualTo(money("90000.00"));
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.20");
        assertThat(e.qualifiedForecast()).isEqualTo(money("20000.00"));
        assertThat(e.forecastGap()).isEqualTo(money("70000.00"));
        assertThat(e.recordedCategory()).isEqualTo(ForecastCategory.COMMIT);
        assertThat(e.qualifiedCategory()).isEqualTo(ForecastCategory.PIPELINE);
    }

    @Test
    void overStagedIntoAStageWithTwoCrmValuesTakesTheLowestCrmStage() {
        Evaluation e = salesforce.evaluate(opp("006B").stage(NEGOTIATION).amount("100000.00")
                .meetingAllBefore(I_INVESTMENT).build());

        assertThat(e.qualifiedStage()).isEqualTo(new StageRef(I_INVESTMENT, INVESTMENT, "Consideration — investment", VALUE_PROPOSITION));
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.50");
        assertThat(e.qualifiedForecast()).isEqualTo(money("50000.00"));
        assertThat(e.qualifiedCategory()).isEqualTo(ForecastCategory.BEST_CASE);
    }

    @Test
    void overStagedIntoAStageTakesTheLowestCrmStageWhateverTheListingOrder() {
        List<JourneyStage> stages = new ArrayList<>(salesforcePipeline().stages());
        JourneyStage investment = stages.get(I_INVESTMENT);
        stages.set(I_INVESTMENT, new JourneyStage(investment.key(), investment.label(),
                List.of(crm(ID_DECISION_MAKERS, "0.60"), crm(VALUE_PROPOSITION, "0.50")), null,
                investment.forecastCategory(), investment.benchmarkDays(), investment.exitCriteria()));
        Pipeline reordered = new Pipeline("new_business", "New business", List.of(), stages,
                salesforcePipeline().won(), salesforcePipeline().lost());
        Evaluator evaluator = new Evaluator(new Playbook("reordered", Crm.SALESFORCE, CrmDialects.SALESFORCE, "USD", List.of(reordered), Map.of()), CLOCK);

        Evaluation e = evaluator.evaluate(opp("006B").stage(NEGOTIATION).amount("100000.00").meetingAllBefore(I_INVESTMENT).build());

        assertThat(e.qualifiedStage().crmStage()).isEqualTo(VALUE_PROPOSITION);
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.50");
    }

    @Test
    void overStagedIntoAStageMappingNoCrmValueTakesItsExplicitProbability() {
        Evaluation e = hubspotEvaluator().evaluate(opp("9001").stage(HS_QUALIFIED).amount("100000.00").build());

        assertThat(e.recordedStage()).isEqualTo(new StageRef(I_PAIN, PAIN, "Consideration — pain", HS_QUALIFIED));
        assertThat(e.qualifiedStage()).isEqualTo(new StageRef(I_AWARENESS, AWARENESS, "Awareness", null));
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.05");
        assertThat(e.qualifiedForecast()).isEqualTo(money("5000.00"));
        assertThat(e.recordedForecast()).isEqualTo(money("40000.00"));
        assertThat(e.overStaged()).isTrue();
    }

    @Test
    void hubspotDealQualifiedAtItsStageUsesTheDealstageProbability() {
        Evaluation e = hubspotEvaluator().evaluate(opp("9002").stage(HS_PRESENTATION).amount("2500.00")
                .meetingAllBefore(I_INVESTMENT).build());

        assertThat(e.overStaged()).isFalse();
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0.6");
        assertThat(e.qualifiedForecast()).isEqualTo(money("1500.00"));
    }

    // --- closed ------------------------------------------------------------------------------------------------

    @Test
    void closedWonCountsTheFullAmountEvenWithUnmetCriteria() {
        Evaluation e = salesforce.evaluate(opp("006W").stage(CLOSED_WON).amount("12345.678").build());

        assertThat(e.status()).isEqualTo(OpportunityStatus.WON);
        assertThat(e.isOpen()).isFalse();
        assertThat(e.recordedStage()).isEqualTo(new StageRef(I_WON, StageRef.WON, "Closed won", CLOSED_WON));
        assertThat(e.qualifiedStage()).isEqualTo(e.recordedStage());
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("1");
        assertThat(e.qualifiedForecast()).isEqualTo(money("12345.68"));
        assertThat(e.recordedForecast()).isEqualTo(money("12345.68"));
        assertThat(e.qualifiedCategory()).isEqualTo(ForecastCategory.CLOSED);
        assertThat(e.recordedCategory()).isEqualTo(ForecastCategory.CLOSED);
        assertThat(e.overStaged()).isFalse();
        assertThat(e.stalled()).isFalse();
    }

    @Test
    void closedWonDebriefIsTheAdvocacyChecklist() {
        Evaluation e = salesforce.evaluate(opp("006W").stage(CLOSED_WON).build());

        assertThat(e.debriefQuestions()).containsExactlyElementsOf(WON_CHECKLIST);
    }

    @Test
    void closedLostCountsZeroAndIsOmitted() {
        Evaluation e = salesforce.evaluate(opp("006L").stage(CLOSED_LOST).amount("50000.00").meetingAll().build());

        assertThat(e.status()).isEqualTo(OpportunityStatus.LOST);
        assertThat(e.recordedStage()).isEqualTo(new StageRef(-1, StageRef.LOST, "Closed lost", CLOSED_LOST));
        assertThat(e.qualifiedForecast()).isEqualTo(money("0.00"));
        assertThat(e.recordedForecast()).isEqualTo(money("0.00"));
        assertThat(e.qualifiedProbability()).isEqualByComparingTo("0");
        assertThat(e.qualifiedCategory()).isEqualTo(ForecastCategory.OMITTED);
        assertThat(e.overStaged()).isFalse();
        assertThat(e.amount()).isEqualTo(money("50000.00"));
    }

    @Test
    void closedLostDebriefIsThePostMortem() {
        Evaluation e = salesforce.evaluate(opp("006L").stage(CLOSED_LOST).build());

        assertThat(e.debriefQuestions()).containsExactlyElementsOf(LOST_POST_MORTEM);
        assertThat(e.verdicts()).isEmpty();
    }

    @Test
    void closedLostInJpyIsZeroWithoutFractionDigits() {
        Evaluation e = salesforce.evaluate(opp("006L").stage(CLOSED_LOST).currency("JPY").amount("500000").build());

        assertThat(e.qualifiedForecast()).isEqualTo(money("0"));
    }

    // --- time: next step today vs yesterday ---------------------------------------------------------------------

    @Test
    void nextStepTodayIsMet() {
        Opportunity o = opp("006N").stage(VALUE_PROPOSITION).meetingAllBefore(I_INVESTMENT).field(NEXT_STEP_DATE, "2026-11-26").build();

        Evaluation e = salesforce.evaluate(o);

        assertThat(e.qualifiedStage().index()).isEqualTo(I_INVESTMENT);
        assertThat(e.overStaged()).isFalse();
    }

    @Test
    void nextStepYesterdayIsUnmetSoTheSameDealEvaluatesDifferentlyADayLater() {
        Opportunity o = opp("006N").stage(VALUE_PROPOSITION).amount("100000.00").meetingAllBefore(I_INVESTMENT)
                .field(NEXT_STEP_DATE, "2026-11-26").build();

        Evaluation tomorrow = new Evaluator(salesforce(), clockOn(TODAY.plusDays(1))).evaluate(o);

        assertThat(tomorrow.qualifiedStage().index()).isEqualTo(I_ENGAGEMENT);
        assertThat(tomorrow.overStaged()).isTrue();
        assertThat(tomorrow.qualifiedForecast()).isEqualTo(money("10000.00"));
        assertThat(keys(tomorrow.missingCriteria())).containsExactly(C_DEMO, C_PAIN_NEXT_STEP);
        assertThat(tomorrow.missingCriteria().get(0).observed()).isEqualTo("Demo_Date__c=2026-10-15, Next_Step_Date__c=2026-11-26");
        assertThat(salesforce.evaluate(o).qualifiedForecast()).isEqualTo(money("50000.00"));
    }

    @Test
    void explicitTodayOverridesTheClock() {
        Opportunity o = opp("006N").stage(VALUE_PROPOSITION).meetingAllBefore(I_INVESTMENT).field(NEXT_STEP_DATE, "2026-11-26").build();

        assertThat(salesforce.evaluate(o, TODAY.plusDays(1)).qualifiedStage().index()).isEqualTo(I_ENGAGEMENT);
        assertThat(salesforce.evaluate(o, TODAY)).isEqualTo(salesforce.evaluate(o));
        assertThat(salesforce.today()).isEqualTo(TODAY);
    }

    // --- currencies -------------------------------------------------------------------------------------------

    @Test
    void eachForecastStaysInItsOwnCurrencyRoundedToItsFractionDigits() {
        Evaluation eur = salesforce.evaluate(opp("006E").stage(NEEDS_ANALYSIS).currency("EUR").amount("1000.025")
                .meetingAllBefore(I_PAIN).build());
        Evaluation jpy = salesforce.evaluate(opp("006J").stage(VALUE_PROPOSITION).currency("JPY").amount("1234567")
                .meetingAllBefore(I_INVESTMENT).build());

        assertThat(eur.currency()).isEqualTo("EUR");
        assertThat(eur.qualifiedForecast()).isEqualTo(money("200.01"));
        assertThat(jpy.currency()).isEqualTo("JPY");
        assertThat(jpy.qualifiedForecast()).isEqualTo(money("617284"));
        assertThat(jpy.recordedForecast()).isEqualTo(money("617284"));
    }

    @Test
    void overStagedJpyForecastHasNoFractionDigits() {
        Evaluation jpy = salesforce.evaluate(opp("006J").stage(NEGOTIATION).currency("JPY").amount("1234567").build());

        assertThat(jpy.qualifiedForecast()).isEqualTo(money("123457"));
        assertThat(jpy.recordedForecast()).isEqualTo(money("1111110"));
    }

    @Test
    void threeDigitCurrencyKeepsThreeDigits() {
        Evaluation bhd = salesforce.evaluate(opp("006D").stage(NEEDS_ANALYSIS).currency("BHD").amount("1000.1235")
                .meetingAllBefore(I_PAIN).build());

        assertThat(bhd.qualifiedForecast()).isEqualTo(money("200.025"));
    }

    @Test
    void missingCurrencyUsesThePlaybookCurrency() {
        assertThat(salesforce.evaluate(opp("006C").stage(PROSPECTING).currency(null).build()).currency()).isEqualTo("USD");
        assertThat(salesforce.evaluate(opp("006C").stage(PROSPECTING).currency(" ").build()).currency()).isEqualTo("USD");
    }

    @Test
    void badCurrencyIsAnEvaluationExceptionOnFieldCurrency() {
        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> salesforce.evaluate(opp("006X1").stage(PROSPECTING).currency("DOLLARS").build()));

        assertThat(error).isNotNull();
        assertThat(error.opportunityId()).isEqualTo("006X1");
        assertThat(error.field()).isEqualTo("currency");
        assertThat(error.getMessage()).contains("DOLLARS");
    }

    // --- several CRM stages on one journey stage ---------------------------------------------------------------

    @Test
    void twoCrmStagesOnOneJourneyStageEachKeepTheirOwnProbability() {
        Evaluation valueProposition = salesforce.evaluate(opp("006V").stage(VALUE_PROPOSITION).amount("100000.00")
                .meetingAllBefore(I_INVESTMENT).build());
        Evaluation decisionMakers = salesforce.evaluate(opp("006I").stage(ID_DECISION_MAKERS).amount("100000.00")
                .meetingAllBefore(I_INVESTMENT).build());

        assertThat(valueProposition.recordedStage().key()).isEqualTo(INVESTMENT);
        assertThat(decisionMakers.recordedStage().key()).isEqualTo(INVESTMENT);
        assertThat(valueProposition.recordedStage().index()).isEqualTo(decisionMakers.recordedStage().index());
        assertThat(valueProposition.qualifiedProbability()).isEqualByComparingTo("0.50");
        assertThat(decisionMakers.qualifiedProbability()).isEqualByComparingTo("0.60");
        assertThat(valueProposition.qualifiedForecast()).isEqualTo(money("50000.00"));
        assertThat(decisionMakers.qualifiedForecast()).isEqualTo(money("60000.00"));
        assertThat(decisionMakers.qualifiedStage().crmStage()).isEqualTo(ID_DECISION_MAKERS);
    }

    // --- unmapped stage -----------------------------------------------------------------------------------------

    @Test
    void unmappedStageIsAnEvaluationExceptionNamingTheOpportunityAndFieldStage() {
        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> salesforce.evaluate(opp("006U").stage("Closed Won - Legacy").build()));

        assertThat(error).isNotNull();
        assertThat(error.opportunityId()).isEqualTo("006U");
        assertThat(error.field()).isEqualTo("stage");
        assertThat(error.getMessage()).contains("Closed Won - Legacy").contains("new_business");
    }

    @Test
    void stageValuesAreMatchedExactly() {
        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> salesforce.evaluate(opp("006U").stage("needs analysis").build()));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("stage");
    }

    // --- pipelines ----------------------------------------------------------------------------------------------

    @Test
    void recordTypeSelectsItsPipeline() {
        Evaluator evaluator = new Evaluator(salesforceWithRenewals(), CLOCK);

        Evaluation e = evaluator.evaluate(opp("006R").pipeline("Renewal").stage("Renewal Committed").amount("1000.00").build());

        assertThat(e.pipeline()).isEqualTo("renewal");
        assertThat(e.qualifiedStage().key()).isEqualTo("renewal_open");
        assertThat(e.qualifiedForecast()).isEqualTo(money("500.00"));
    }

    @Test
    void missingOrUnknownRecordTypeSelectsTheDefaultPipeline() {
        Evaluator evaluator = new Evaluator(salesforceWithRenewals(), CLOCK);

        assertThat(evaluator.evaluate(opp("006R").stage(NEEDS_ANALYSIS).build()).pipeline()).isEqualTo("new_business");
        assertThat(evaluator.evaluate(opp("006R").pipeline("Partner").stage(NEEDS_ANALYSIS).build()).pipeline()).isEqualTo("new_business");
    }

    @Test
    void stageOfAnotherPipelineIsUnmappedInThisOne() {
        Evaluator evaluator = new Evaluator(salesforceWithRenewals(), CLOCK);

        EvaluationException error = catchThrowableOfType(EvaluationException.class,
                () -> evaluator.evaluate(opp("006R").pipeline("Renewal").stage(NEEDS_ANALYSIS).build()));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("stage");
        assertThat(error.getMessage()).contains("renewal");
    }

    // --- stalled ------------------------------------------------------------------------------------------------

    @Test
    void dealLongerInStageThanTheBenchmarkIsStalled() {
        Evaluation e = salesforce.evaluate(opp("006S").stage(NEGOTIATION).enteredOn(TODAY.minusDays(22)).build());

        assertThat(e.daysInStage()).isEqualTo(22);
        assertThat(e.stalled()).isTrue();
    }

    @Test
    void dealExactlyAtTheBenchmarkIsNotStalled() {
        Evaluation e = salesforce.evaluate(opp("006S").stage(NEGOTIATION).enteredOn(TODAY.minusDays(21)).build());

        assertThat(e.daysInStage()).isEqualTo(21);
        assertThat(e.stalled()).isFalse();
    }

    @Test
    void unknownStageEntryIsNeverStalled() {
        Evaluation e = salesforce.evaluate(opp("006S").stage(NEGOTIATION).build());

        assertThat(e.daysInStage()).isNull();
        assertThat(e.stalled()).isFalse();
    }

    @Test
    void stageWithoutBenchmarkIsNeverStalled() {
        Evaluation e = new Evaluator(salesforceWithRenewals(), CLOCK)
                .evaluate(opp("006S").pipeline("Renewal").stage("Renewal Open").enteredOn(TODAY.minusDays(400)).build());

        assertThat(e.daysInStage()).isEqualTo(400);
        assertThat(e.stalled()).isFalse();
    }

    // --- missing amount -----------------------------------------------------------------------------------------

    @Test
    void missingAmountForecastsZeroInTheCurrencyScale() {
        Evaluation e = salesforce.evaluate(opp("006M").stage(NEEDS_ANALYSIS).noAmount().meetingAllBefore(I_PAIN).build());

        assertThat(e.amount()).isNull();
        assertThat(e.qualifiedForecast()).isEqualTo(money("0.00"));
        assertThat(e.recordedForecast()).isEqualTo(money("0.00"));
        assertThat(e.forecastGap()).isEqualByComparingTo("0");
    }

    @Test
    void missingAmountOnAWonDealForecastsZero() {
        Evaluation e = salesforce.evaluate(opp("006M").stage(CLOSED_WON).noAmount().build());

        assertThat(e.qualifiedForecast()).isEqualTo(money("0.00"));
    }

    // --- debrief questions --------------------------------------------------------------------------------------

    @Test
    void debriefAsksBlockingQuestionsOfEarlierStagesFirstThenTheCurrentStages() {
        Opportunity o = opp("006Q").stage(PERCEPTION_ANALYSIS).meetingAllBefore(I_DECISION_PROCESS)
                .without(DISCOVERY_DATE).field(SOLUTION_FIT, false).build();

        Evaluation e = salesforce.evaluate(o);

        assertThat(e.qualifiedStage().index()).isEqualTo(I_AWARENESS);
        assertThat(e.debriefQuestions()).containsExactly(DISCOVERY.question(), FIT.question(), DEPLOYMENT.question());
    }

    @Test
    void verdictsRecordStageIndexAndObservedValue() {
        Evaluation e = salesforce.evaluate(opp("006Q").stage(QUALIFICATION).build());

        assertThat(e.verdicts()).extracting(CriterionVerdict::key).containsExactly(C_DISCOVERY, C_DEMO, C_TECH);
        assertThat(e.verdicts()).extracting(CriterionVerdict::stageIndex).containsExactly(0, 1, 1);
        assertThat(e.verdicts().get(0).observed()).isEqualTo("Discovery_Meeting_Date__c=empty");
        assertThat(e.verdicts().get(2).observed()).isEqualTo("Tech_Teams_Met__c=empty");
    }

    @Test
    void ownerAndIdAreCarriedThrough() {
        Evaluation e = salesforce.evaluate(opp("006O").owner("maria").stage(PROSPECTING).build());

        assertThat(e.opportunityId()).isEqualTo("006O");
        assertThat(e.owner()).isEqualTo("maria");
        assertThat(e.pipeline()).isEqualTo("new_business");
    }
}

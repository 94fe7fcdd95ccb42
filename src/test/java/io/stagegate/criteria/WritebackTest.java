package io.stagegate.criteria;

import static io.stagegate.criteria.Opps.opp;
import static io.stagegate.criteria.TestPlaybooks.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.playbook.CrmDialects;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values written back into the CRM, in each CRM's own conventions. */
class WritebackTest {
    private final Playbook salesforce = salesforce();
    private final Playbook hubspot = hubspot();

    private Map<String, Object> salesforceValues(Opportunity opportunity) {
        return Writeback.values(salesforce, new Evaluator(salesforce, CLOCK).evaluate(opportunity));
    }

    private Map<String, Object> hubspotValues(Opportunity opportunity) {
        return Writeback.values(hubspot, new Evaluator(hubspot, CLOCK).evaluate(opportunity));
    }

    /** Negotiation/Review with only Awareness and Engagement met, reached by a jump from Qualification. */
    private static Opportunity overStagedJumper() {
        return opp("006B").stage(NEGOTIATION).amount("100000.00").meeting(I_AWARENESS, I_ENGAGEMENT)
                .history(QUALIFICATION, "2026-11-01T09:00:00Z")
                .history(NEGOTIATION, "2026-11-10T09:00:00Z")
                .build();
    }

    @Test
    void salesforceValuesOfAnOverStagedJumper() {
        Map<String, Object> values = salesforceValues(overStagedJumper());

        assertThat(values).containsOnlyKeys("Qualified_Stage__c", "Qualified_Probability__c", "Qualified_Forecast__c",
                "Qualified_Forecast_Category__c", "Over_Staged__c", "Missing_Exit_Criteria__c", "Stage_Skip__c",
                "Skipped_Criteria_Detail__c", "Next_Debrief_Question__c");
        assertThat(values.get("Qualified_Stage__c")).isEqualTo("Consideration — pain");
        assertThat((BigDecimal) values.get("Qualified_Probability__c")).isEqualByComparingTo("20");
        assertThat(values.get("Qualified_Forecast__c")).isEqualTo(new BigDecimal("20000.00"));
        assertThat(values.get("Qualified_Forecast_Category__c")).isEqualTo("Pipeline");
        assertThat(values.get("Over_Staged__c")).isEqualTo(true);
        assertThat(values.get("Missing_Exit_Criteria__c")).isEqualTo(
                "Cast of characters confirmed; Solution co-created; Solution fit confirmed; Budget confirmed; Deployment plan approved");
        assertThat(values.get("Stage_Skip__c")).isEqualTo(true);
        assertThat(values.get("Skipped_Criteria_Detail__c")).isEqualTo("2026-11-10 Qualification → Negotiation/Review: skipped "
                + "Cast of characters confirmed; Solution co-created; Solution fit confirmed; Budget confirmed; Deployment plan approved");
        assertThat(values.get("Next_Debrief_Question__c")).isEqualTo(CAST.question());
    }

    @Test
    void valuesComeInOutputFieldOrder() {
        assertThat(salesforceValues(overStagedJumper()).keySet()).containsExactly("Qualified_Stage__c",
                "Qualified_Probability__c", "Qualified_Forecast__c", "Qualified_Forecast_Category__c", "Over_Staged__c",
                "Missing_Exit_Criteria__c", "Stage_Skip__c", "Skipped_Criteria_Detail__c", "Next_Debrief_Question__c");
    }

    @Test
    void hubspotValuesUseFractionsUpperCaseCategoriesAndStagegateNames() {
        Opportunity deal = opp("9001").stage(HS_CONTRACT).amount("100000.00").meetingAllBefore(I_INVESTMENT).build();

        Map<String, Object> values = hubspotValues(deal);

        assertThat(values.keySet()).containsExactly("stagegate_qualified_stage", "stagegate_qualified_probability",
                "stagegate_qualified_forecast_amount", "stagegate_qualified_forecast_category", "stagegate_over_staged",
                "stagegate_missing_exit_criteria", "stagegate_stage_skip", "stagegate_skipped_criteria_detail",
                "stagegate_next_debrief_question");
        assertThat(values.get("stagegate_qualified_stage")).isEqualTo("Consideration — investment");
        assertThat((BigDecimal) values.get("stagegate_qualified_probability")).isEqualByComparingTo("0.6");
        assertThat(values.get("stagegate_qualified_forecast_amount")).isEqualTo(new BigDecimal("60000.00"));
        assertThat(values.get("stagegate_qualified_forecast_category")).isEqualTo("BEST_CASE");
        assertThat(values.get("stagegate_over_staged")).isEqualTo(true);
        assertThat(values.get("stagegate_missing_exit_criteria")).isEqualTo("Budget confirmed; Deployment plan approved");
        assertThat(values.get("stagegate_stage_skip")).isEqualTo(false);
        assertThat(values.get("stagegate_skipped_criteria_detail")).isNull();
        assertThat(values.get("stagegate_next_debrief_question")).isEqualTo(BUDGET.question());
    }

    @Test
    void salesforceBestCaseIsSpelledWithASpace() {
        Opportunity o = opp("006C").stage(NEGOTIATION).meetingAllBefore(I_INVESTMENT).build();

        Map<String, Object> values = salesforceValues(o);

        assertThat(values.get("Qualified_Forecast_Category__c")).isEqualTo("Best Case");
        assertThat((BigDecimal) values.get("Qualified_Probability__c")).isEqualByComparingTo("50");
    }

    @Test
    void fullyQualifiedDealClearsTheOverStagedFields() {
        Map<String, Object> values = salesforceValues(opp("006F").stage(NEGOTIATION).meetingAll().build());

        assertThat(values.get("Qualified_Stage__c")).isEqualTo("Decision");
        assertThat((BigDecimal) values.get("Qualified_Probability__c")).isEqualByComparingTo("90");
        assertThat(values.get("Qualified_Forecast_Category__c")).isEqualTo("Commit");
        assertThat(values.get("Over_Staged__c")).isEqualTo(false);
        assertThat(values.get("Missing_Exit_Criteria__c")).isNull();
        assertThat(values.get("Stage_Skip__c")).isEqualTo(false);
        assertThat(values.get("Skipped_Criteria_Detail__c")).isNull();
        assertThat(values.get("Next_Debrief_Question__c")).isNull();
    }

    @Test
    void openDealWithOnlyCurrentStageCriteriaUnmetAsksTheirQuestion() {
        Map<String, Object> values = salesforceValues(opp("006F").stage(NEGOTIATION).meetingAllBefore(I_DECISION).build());

        assertThat(values.get("Missing_Exit_Criteria__c")).isNull();
        assertThat(values.get("Next_Debrief_Question__c")).isEqualTo(VERBAL.question());
    }

    @Test
    void closedWonWritesFullProbabilityClosedCategoryAndNoQuestion() {
        Map<String, Object> values = salesforceValues(opp("006W").stage(CLOSED_WON).amount("12345.67").build());

        assertThat(values.get("Qualified_Stage__c")).isEqualTo("Closed won");
        assertThat((BigDecimal) values.get("Qualified_Probability__c")).isEqualByComparingTo("100");
        assertThat(values.get("Qualified_Forecast__c")).isEqualTo(new BigDecimal("12345.67"));
        assertThat(values.get("Qualified_Forecast_Category__c")).isEqualTo("Closed");
        assertThat(values.get("Over_Staged__c")).isEqualTo(false);
        assertThat(values).containsEntry("Next_Debrief_Question__c", null);
    }

    @Test
    void closedLostWritesZeroOmittedAndNoQuestion() {
        Map<String, Object> values = salesforceValues(opp("006L").stage(CLOSED_LOST).build());

        assertThat((BigDecimal) values.get("Qualified_Probability__c")).isEqualByComparingTo("0");
        assertThat(values.get("Qualified_Forecast__c")).isEqualTo(new BigDecimal("0.00"));
        assertThat(values.get("Qualified_Forecast_Category__c")).isEqualTo("Omitted");
        assertThat(values).containsEntry("Next_Debrief_Question__c", null);
        assertThat(values).containsEntry("Missing_Exit_Criteria__c", null);
    }

    @Test
    void hubspotClosedDealsWriteHubspotCategoryNames() {
        assertThat(hubspotValues(opp("9003").stage(HS_WON).build()).get("stagegate_qualified_forecast_category")).isEqualTo("CLOSED");
        assertThat(hubspotValues(opp("9004").stage(HS_LOST).build()).get("stagegate_qualified_forecast_category")).isEqualTo("OMIT");
        assertThat((BigDecimal) hubspotValues(opp("9003").stage(HS_WON).build()).get("stagegate_qualified_probability"))
                .isEqualByComparingTo("1");
        assertThat(hubspotValues(opp("9003").stage(HS_WON).build()).get("stagegate_next_debrief_question")).isNull();
    }

    @Test
    void customOutputFieldNamesReplaceTheDefaults() {
        Playbook custom = new Playbook("custom", Crm.SALESFORCE, CrmDialects.SALESFORCE, "USD", List.of(salesforcePipeline()),
                Map.of(OutputField.QUALIFIED_FORECAST_AMOUNT, "SG_Forecast__c"));

        Map<String, Object> values = Writeback.values(custom, new Evaluator(custom, CLOCK).evaluate(overStagedJumper()));

        assertThat(values).containsEntry("SG_Forecast__c", new BigDecimal("20000.00"));
        assertThat(values).doesNotContainKey("Qualified_Forecast__c");
        assertThat(values).containsKey("Qualified_Stage__c");
    }

    // --- text limits --------------------------------------------------------------------------------------------

    @Test
    void truncateCutsAt255WithAnEllipsis() {
        String text = "abcdefghij".repeat(30);

        String cut = Writeback.truncate(text, Writeback.SHORT_TEXT);

        assertThat(cut).hasSize(255);
        assertThat(cut).isEqualTo(text.substring(0, 254) + "…");
    }

    @Test
    void truncateLeavesShortTextAlone() {
        String exactly = "x".repeat(255);

        assertThat(Writeback.truncate(exactly, 255)).isSameAs(exactly);
        assertThat(Writeback.truncate(null, 255)).isNull();
    }

    @Test
    void longMissingCriteriaAndQuestionAreTruncatedTo255() {
        String longLabel = "L".repeat(200);
        String longQuestion = "Q".repeat(300) + "?";
        ExitCriterion first = criterion("first", longLabel, longQuestion, new Rule.CheckboxTrue("A__c"));
        ExitCriterion second = criterion("second", longLabel, "Second?", new Rule.CheckboxTrue("B__c"));
        Pipeline pipeline = new Pipeline("p", "P", List.of(), List.of(
                new JourneyStage("one", "One", List.of(crm("One", "0.1")), null, ForecastCategory.PIPELINE, null, List.of(first, second)),
                new JourneyStage("two", "Two", List.of(crm("Two", "0.5")), null, ForecastCategory.PIPELINE, null, List.of())),
                new ClosedOutcome("Won", List.of(crm("Won", "1")), List.of()),
                new ClosedOutcome("Lost", List.of(crm("Lost", "0")), List.of()));
        Playbook playbook = new Playbook("long", Crm.SALESFORCE, CrmDialects.SALESFORCE, "USD", List.of(pipeline), Map.of());

        Map<String, Object> values = Writeback.values(playbook, new Evaluator(playbook, CLOCK).evaluate(opp("006Z").stage("Two").build()));

        String missing = (String) values.get("Missing_Exit_Criteria__c");
        assertThat(missing).hasSize(255).startsWith(longLabel + "; ").endsWith("…");
        String question = (String) values.get("Next_Debrief_Question__c");
        assertThat(question).isEqualTo("Q".repeat(254) + "…");
    }

    // --- doubts -------------------------------------------------------------------------------------------------

    @Test
    void salesforceProbabilityIsAPlainInteger() {
        BigDecimal probability = (BigDecimal) salesforceValues(overStagedJumper()).get("Qualified_Probability__c");

        assertThat(probability.scale()).isGreaterThanOrEqualTo(0);
        assertThat(probability.toString()).isEqualTo("20");
    }

    @Test
    void closedWonWritesNoMissingExitCriteria() {
        Map<String, Object> values = salesforceValues(opp("006W").stage(CLOSED_WON).build());

        assertThat(values.get("Over_Staged__c")).isEqualTo(false);
        assertThat(values.get("Missing_Exit_Criteria__c")).isNull();
    }
}

package io.stagegate.playbook;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.CrmDialect;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.ProbabilityScale;
import java.util.Map;

/**
 * Each CRM's spelling of what the engine writes back. The Salesforce names are those of the shipped metadata
 * (deploy/salesforce) and its standard forecast categories; the HubSpot names are those the property bootstrap creates
 * and HubSpot's forecast category option values.
 */
public final class CrmDialects {
    public static final CrmDialect SALESFORCE = new CrmDialect(ProbabilityScale.PERCENT,
            Map.of(ForecastCategory.OMITTED, "Omitted",
                    ForecastCategory.PIPELINE, "Pipeline",
                    ForecastCategory.BEST_CASE, "Best Case",
                    ForecastCategory.COMMIT, "Commit",
                    ForecastCategory.CLOSED, "Closed"),
            Map.of(OutputField.QUALIFIED_STAGE, "Qualified_Stage__c",
                    OutputField.QUALIFIED_PROBABILITY, "Qualified_Probability__c",
                    OutputField.QUALIFIED_FORECAST_AMOUNT, "Qualified_Forecast__c",
                    OutputField.QUALIFIED_FORECAST_CATEGORY, "Qualified_Forecast_Category__c",
                    OutputField.OVER_STAGED, "Over_Staged__c",
                    OutputField.MISSING_EXIT_CRITERIA, "Missing_Exit_Criteria__c",
                    OutputField.STAGE_SKIP, "Stage_Skip__c",
                    OutputField.SKIPPED_CRITERIA_DETAIL, "Skipped_Criteria_Detail__c",
                    OutputField.NEXT_DEBRIEF_QUESTION, "Next_Debrief_Question__c"));

    public static final CrmDialect HUBSPOT = new CrmDialect(ProbabilityScale.FRACTION,
            Map.of(ForecastCategory.OMITTED, "OMIT",
                    ForecastCategory.PIPELINE, "PIPELINE",
                    ForecastCategory.BEST_CASE, "BEST_CASE",
                    ForecastCategory.COMMIT, "COMMIT",
                    ForecastCategory.CLOSED, "CLOSED"),
            Map.of(OutputField.QUALIFIED_STAGE, "stagegate_qualified_stage",
                    OutputField.QUALIFIED_PROBABILITY, "stagegate_qualified_probability",
                    OutputField.QUALIFIED_FORECAST_AMOUNT, "stagegate_qualified_forecast_amount",
                    OutputField.QUALIFIED_FORECAST_CATEGORY, "stagegate_qualified_forecast_category",
                    OutputField.OVER_STAGED, "stagegate_over_staged",
                    OutputField.MISSING_EXIT_CRITERIA, "stagegate_missing_exit_criteria",
                    OutputField.STAGE_SKIP, "stagegate_stage_skip",
                    OutputField.SKIPPED_CRITERIA_DETAIL, "stagegate_skipped_criteria_detail",
                    OutputField.NEXT_DEBRIEF_QUESTION, "stagegate_next_debrief_question"));

    private CrmDialects() {
    }

    public static CrmDialect of(Crm crm) {
        return switch (crm) {
            case SALESFORCE -> SALESFORCE;
            case HUBSPOT -> HUBSPOT;
        };
    }
}

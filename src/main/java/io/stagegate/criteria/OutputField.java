package io.stagegate.criteria;

/** The fields Stagegate writes back next to the rep's numbers, with their default API names per CRM. */
public enum OutputField {
    QUALIFIED_STAGE("Qualified_Stage__c", "stagegate_qualified_stage"),
    QUALIFIED_PROBABILITY("Qualified_Probability__c", "stagegate_qualified_probability"),
    QUALIFIED_FORECAST_AMOUNT("Qualified_Forecast__c", "stagegate_qualified_forecast_amount"),
    QUALIFIED_FORECAST_CATEGORY("Qualified_Forecast_Category__c", "stagegate_qualified_forecast_category"),
    OVER_STAGED("Over_Staged__c", "stagegate_over_staged"),
    MISSING_EXIT_CRITERIA("Missing_Exit_Criteria__c", "stagegate_missing_exit_criteria"),
    STAGE_SKIP("Stage_Skip__c", "stagegate_stage_skip"),
    SKIPPED_CRITERIA_DETAIL("Skipped_Criteria_Detail__c", "stagegate_skipped_criteria_detail"),
    NEXT_DEBRIEF_QUESTION("Next_Debrief_Question__c", "stagegate_next_debrief_question");

    private final String salesforceName;
    private final String hubspotName;

    OutputField(String salesforceName, String hubspotName) {
        this.salesforceName = salesforceName;
        this.hubspotName = hubspotName;
    }

    public String defaultName(Crm crm) {
        return crm == Crm.SALESFORCE ? salesforceName : hubspotName;
    }

    /** The YAML key of this field in a playbook's {@code outputFields} section, e.g. {@code qualifiedStage}. */
    public String yamlKey() {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }
}

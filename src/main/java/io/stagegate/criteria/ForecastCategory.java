package io.stagegate.criteria;

/**
 * Forecast categories shared by both CRMs. Salesforce names them {@code Omitted, Pipeline, Best Case, Commit, Closed};
 * HubSpot {@code OMIT, PIPELINE, BEST_CASE, COMMIT, CLOSED}.
 */
public enum ForecastCategory {
    OMITTED("Omitted", "OMIT"),
    PIPELINE("Pipeline", "PIPELINE"),
    BEST_CASE("Best Case", "BEST_CASE"),
    COMMIT("Commit", "COMMIT"),
    CLOSED("Closed", "CLOSED");

    private final String salesforceName;
    private final String hubspotName;

    ForecastCategory(String salesforceName, String hubspotName) {
        this.salesforceName = salesforceName;
        this.hubspotName = hubspotName;
    }

    public String crmName(Crm crm) {
        return crm == Crm.SALESFORCE ? salesforceName : hubspotName;
    }
}

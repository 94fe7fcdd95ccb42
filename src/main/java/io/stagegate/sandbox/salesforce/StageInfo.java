package io.stagegate.sandbox.salesforce;

import java.math.BigDecimal;

/**
 * What an opportunity stage implies, as OpportunityStage holds it.
 *
 * @param defaultProbability on Salesforce's 0–100 scale
 */
record StageInfo(String value, int sortOrder, BigDecimal defaultProbability, String forecastCategoryName, boolean closed, boolean won) {

    String forecastCategory() {
        return SalesforceSchema.forecastCategoryOf(forecastCategoryName);
    }
}

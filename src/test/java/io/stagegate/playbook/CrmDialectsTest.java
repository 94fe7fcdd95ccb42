package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.CrmDialect;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.ProbabilityScale;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmDialectsTest {

    @Test
    void categoryNamesPerCrm() {
        assertThat(CrmDialects.SALESFORCE.forecastCategory(ForecastCategory.OMITTED)).isEqualTo("Omitted");
        assertThat(CrmDialects.SALESFORCE.forecastCategory(ForecastCategory.PIPELINE)).isEqualTo("Pipeline");
        assertThat(CrmDialects.SALESFORCE.forecastCategory(ForecastCategory.BEST_CASE)).isEqualTo("Best Case");
        assertThat(CrmDialects.SALESFORCE.forecastCategory(ForecastCategory.COMMIT)).isEqualTo("Commit");
        assertThat(CrmDialects.SALESFORCE.forecastCategory(ForecastCategory.CLOSED)).isEqualTo("Closed");
        assertThat(CrmDialects.HUBSPOT.forecastCategory(ForecastCategory.OMITTED)).isEqualTo("OMIT");
        assertThat(CrmDialects.HUBSPOT.forecastCategory(ForecastCategory.BEST_CASE)).isEqualTo("BEST_CASE");
    }

    @Test
    void probabilityIsAPercentageOnSalesforceAndAFractionOnHubspot() {
        assertThat(CrmDialects.of(Crm.SALESFORCE).probabilityScale().fromFraction(new BigDecimal("0.75"))).isEqualByComparingTo("75");
        assertThat(CrmDialects.of(Crm.HUBSPOT).probabilityScale().fromFraction(new BigDecimal("0.75"))).isEqualByComparingTo("0.75");
        assertThat(CrmDialects.of(Crm.SALESFORCE).probabilityScale().fromFraction(new BigDecimal("0.055"))).isEqualByComparingTo("5.5");
    }

    @Test
    void defaultOutputFieldNamesPerCrm() {
        assertThat(CrmDialects.SALESFORCE.outputField(OutputField.QUALIFIED_FORECAST_AMOUNT)).isEqualTo("Qualified_Forecast__c");
        assertThat(CrmDialects.HUBSPOT.outputField(OutputField.QUALIFIED_FORECAST_AMOUNT)).isEqualTo("stagegate_qualified_forecast_amount");
        for (OutputField field : OutputField.values()) {
            assertThat(CrmNames.isValid(Crm.SALESFORCE, CrmDialects.SALESFORCE.outputField(field))).as(field.name()).isTrue();
            assertThat(CrmNames.isValid(Crm.HUBSPOT, CrmDialects.HUBSPOT.outputField(field))).as(field.name()).isTrue();
        }
    }

    @Test
    void aDialectNamesEveryCategoryAndEveryOutputField() {
        assertThatThrownBy(() -> new CrmDialect(ProbabilityScale.PERCENT, Map.of(ForecastCategory.COMMIT, "Commit"),
                CrmDialects.SALESFORCE.outputFields()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forecast category, OMITTED has none");
    }
}

package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.Crm;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API name rules: every field and relation name of a playbook passes through {@link CrmNames}, which is what keeps
 * configuration from injecting text into a SOQL query or a HubSpot request.
 */
class CrmNamesTest {
    private static final String INJECTION_CHARACTERS = "'\"\\ ();";

    @ParameterizedTest
    @ValueSource(strings = {"Amount", "StageName", "Budget_Confirmed__c", "ns__Budget__c", "my_ns__Budget_Confirmed__c",
            "OpportunityContactRoles", "Partner_Contacts__r", "Field2__c", "a"})
    void validSalesforceNames(String name) {
        assertThat(CrmNames.problem(Crm.SALESFORCE, name)).isNull();
        assertThat(CrmNames.isValid(Crm.SALESFORCE, name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Budget Confirmed", "x'; DELETE", "1Field__c", "Foo___c", "_Foo__c", "Foo_", "Foo__c_", "Foo__",
            "Foo.Bar__c", "Foo-Bar__c", "Föö__c", "Amount)", "Amount\\", "Amount\"", " Amount", "Amount\n",
            "a__b__c__c"})
    void invalidSalesforceNames(String name) {
        assertThat(CrmNames.problem(Crm.SALESFORCE, name))
                .isEqualTo("'" + name + "' is not a Salesforce API name (Name, Name__c or ns__Name__c: letters, digits and single underscores, starting with a letter)");
        assertThat(CrmNames.isValid(Crm.SALESFORCE, name)).isFalse();
    }

    @Test
    void salesforceNamesHaveAtMost80Characters() {
        String name = "A".repeat(77) + "__c";

        assertThat(CrmNames.isValid(Crm.SALESFORCE, name)).isTrue();
        assertThat(CrmNames.problem(Crm.SALESFORCE, "A" + name)).contains("is not a Salesforce API name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount", "dealstage", "budget_confirmed", "hs_deal_stage_probability", "next_step_date2", "contacts"})
    void validHubspotNames(String name) {
        assertThat(CrmNames.problem(Crm.HUBSPOT, name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BudgetConfirmed", "budget-confirmed", "budget confirmed", "Budget_Confirmed__c", "1budget", "_budget",
            "budget.confirmed", "budget'", "bücher"})
    void invalidHubspotNames(String name) {
        assertThat(CrmNames.problem(Crm.HUBSPOT, name))
                .isEqualTo("'" + name + "' is not a HubSpot internal name (lowercase letters, digits and underscores, starting with a letter)");
    }

    @Test
    void hubspotNamesHaveAtMost100Characters() {
        assertThat(CrmNames.isValid(Crm.HUBSPOT, "a".repeat(100))).isTrue();
        assertThat(CrmNames.isValid(Crm.HUBSPOT, "a".repeat(101))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyNameIsNeverValid(String name) {
        assertThat(CrmNames.problem(Crm.SALESFORCE, name)).isEqualTo("is empty");
        assertThat(CrmNames.problem(Crm.HUBSPOT, name)).isEqualTo("is empty");
    }

    /** The injection guarantee: 100,000 strings from a fixed seed, a third of them a valid name with characters spliced in. */
    @Test
    void noAcceptedNameCarriesAQueryFragmentOverASeededSample() {
        Random random = new Random(20261126L);
        String alphabet = "abcXYZ019_" + INJECTION_CHARACTERS;
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder name = new StringBuilder(random.nextInt(3) == 0 ? "Budget_Confirmed__c" : "");
            int extra = 1 + random.nextInt(12);
            for (int j = 0; j < extra; j++) {
                char c = random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length()));
                name.insert(random.nextInt(name.length() + 1), c);
            }
            for (Crm crm : Crm.values()) {
                if (CrmNames.isValid(crm, name.toString())) {
                    accepted++;
                    assertThat(name.toString()).as(crm.name()).matches("[A-Za-z0-9_]{1,100}");
                }
            }
        }
        assertThat(accepted).as("accepted names in the sample").isGreaterThan(1_000);
    }


}

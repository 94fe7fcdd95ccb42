package io.stagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.playbook.LoadedPlaybook;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connector's setup problems placed at the YAML line that maps what they name. */
class SetupProblemTest {
    private static final LoadedPlaybook SHIPPED = PlaybookFixtures.SHIPPED;

    @Test
    void eachProblemGetsTheLineOfTheLongestPlaybookNameItMentions() {
        List<SetupProblem> located = SetupProblem.locate(SHIPPED.playbook(), SHIPPED.yaml(), List.of(
                "criteria field Opportunity.Budget_Confirmed__c is missing on Opportunity",
                "pipeline 'standard': stage 'Negotiation/Review' does not exist in Salesforce's OpportunityStage values",
                "Opportunity.SystemModstamp is not filterable for the integration user"));
        assertThat(located.get(0).name()).isEqualTo("Budget_Confirmed__c");
        assertThat(located.get(0).line()).isEqualTo(lineOf("- checkbox: Budget_Confirmed__c"));
        assertThat(located.get(1).name()).isEqualTo("Negotiation/Review");
        assertThat(located.get(1).line()).isEqualTo(lineOf("{ value: Negotiation/Review, probability: 90 }"));
        assertThat(located.get(2).line()).as("a name the playbook does not map has no line").isZero();
        assertThat(located.get(2).name()).isNull();
    }

    @Test
    void aNameIsAWholeIdentifier() {
        assertThat(SetupProblem.containsWord("field Amount__c is missing", "Amount")).isFalse();
        assertThat(SetupProblem.containsWord("field Amount is missing", "Amount")).isTrue();
        assertThat(SetupProblem.containsWord("X_Amount", "Amount")).isFalse();
        assertThat(SetupProblem.containsWord("'Amount'", "Amount")).isTrue();
    }

    private static int lineOf(String text) {
        String[] lines = SHIPPED.yaml().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text);
    }
}

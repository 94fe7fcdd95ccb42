package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the loader builds from each rule of the format, compared with the records it must produce. */
class PlaybookRulesTest {
    private static final String PLAYBOOK = """
            name: Every rule
            crm: salesforce
            currency: EUR
            outputFields:
              qualifiedStage: Stagegate_Stage__c
              nextDebriefQuestion: sg__Next_Question__c
            criteria:
              checkbox:
                label: Checkbox
                question: Checked?
                rule: { checkbox: Budget_Confirmed__c }
              expression:
                label: Expression
                question: Does the expression hold?
                rule: { cel: 'fields.Budget__c == true && fields["Other__c"] >= today && related.OpportunityContactRoles >= 2' }
              text_short:
                label: Text
                question: Is there a text?
                rule: { text: Pain__c }
              text_long:
                label: Long text
                question: Is there a long text?
                rule:
                  text: { field: Pain_Description__c, minLength: 20, placeholders: [TBD, "N/A", Later] }
              dates:
                label: Dates
                question: Do the dates fit?
                rule:
                  allOf:
                    - datePresent: Contract_Received_Date__c
                    - dateInPast: Demo_Date__c
                    - dateNotOlderThan: { field: Discovery_Meeting_Date__c, days: 30 }
                    - dateTodayOrLater: Next_Step_Date__c
              nested:
                label: Nested
                question: Does any of it hold?
                rule:
                  anyOf:
                    - numberAtLeast: { field: Amount, min: 50000.50 }
                    - valueIn: { field: Type, values: [New Business, Upsell] }
                    - allOf:
                        - relatedCountAtLeast: { relation: OpportunityContactRoles, min: 3 }
                        - checkbox: ns__Champion__c
            pipelines:
              - key: standard
                stages:
                  - key: only
                    crmStages:
                      - { value: Prospecting, probability: 10 }
                    exitCriteria: [checkbox, expression, text_short, text_long, dates, nested]
                won:
                  crmStages: [ { value: Closed Won, probability: 100 } ]
                lost:
                  crmStages: [ { value: Closed Lost, probability: 0 } ]
            """;

    private final Playbook playbook = PlaybookLoader.load("every-rule.yaml", PLAYBOOK);
    private final Map<String, Rule> rules = playbook.defaultPipeline().stage(0).exitCriteria().stream()
            .collect(Collectors.toMap(ExitCriterion::key, ExitCriterion::rule));

    @Test
    void checkbox() {
        assertThat(rules.get("checkbox")).isEqualTo(new Rule.CheckboxTrue("Budget_Confirmed__c"));
    }

    @Test
    void celExpression() {
        assertThat(rules.get("expression")).isInstanceOfSatisfying(Rule.Expression.class, expression -> {
            assertThat(expression.source())
                    .isEqualTo("fields.Budget__c == true && fields[\"Other__c\"] >= today && related.OpportunityContactRoles >= 2");
            assertThat(expression.fields()).isEqualTo(Set.of("Budget__c", "Other__c"));
            assertThat(expression.relations()).isEqualTo(Set.of("OpportunityContactRoles"));
            assertThat(expression.compiled()).isNotNull();
        });
    }

    @Test
    void textAsAFieldName() {
        assertThat(rules.get("text_short")).isEqualTo(new Rule.TextPresent("Pain__c", 1, Rule.TextPresent.DEFAULT_PLACEHOLDERS));
    }

    @Test
    void textWithMinimumLengthAndPlaceholders() {
        assertThat(rules.get("text_long")).isEqualTo(new Rule.TextPresent("Pain_Description__c", 20, Set.of("tbd", "n/a", "later")));
    }

    @Test
    void dates() {
        assertThat(rules.get("dates")).isEqualTo(new Rule.AllOf(List.of(
                new Rule.DatePresent("Contract_Received_Date__c"),
                new Rule.DateInPast("Demo_Date__c"),
                new Rule.DateNotOlderThan("Discovery_Meeting_Date__c", 30),
                new Rule.DateTodayOrLater("Next_Step_Date__c"))));
    }

    @Test
    void nestedAnyOfAndAllOf() {
        assertThat(rules.get("nested")).isEqualTo(new Rule.AnyOf(List.of(
                new Rule.NumberAtLeast("Amount", new BigDecimal("50000.50")),
                new Rule.ValueIn("Type", Set.of("New Business", "Upsell")),
                new Rule.AllOf(List.of(
                        new Rule.RelatedCountAtLeast("OpportunityContactRoles", 3),
                        new Rule.CheckboxTrue("ns__Champion__c"))))));
    }

    @Test
    void criteriaKeepTheirLabelsAndQuestionsInTheListedOrder() {
        assertThat(playbook.defaultPipeline().stage(0).exitCriteria())
                .extracting(ExitCriterion::key, ExitCriterion::label, ExitCriterion::question)
                .first().isEqualTo(org.assertj.core.groups.Tuple.tuple("checkbox", "Checkbox", "Checked?"));
        assertThat(playbook.defaultPipeline().stage(0).exitCriteria()).extracting(ExitCriterion::key)
                .containsExactly("checkbox", "expression", "text_short", "text_long", "dates", "nested");
    }

    @Test
    void theFieldsAndRelationsToReadAreCollectedFromEveryRule() {
        assertThat(playbook.criteriaFields()).containsExactlyInAnyOrder("Budget_Confirmed__c", "Budget__c", "Other__c", "Pain__c",
                "Pain_Description__c", "Contract_Received_Date__c", "Demo_Date__c", "Discovery_Meeting_Date__c", "Next_Step_Date__c",
                "Amount", "Type", "ns__Champion__c");
        assertThat(playbook.criteriaRelations()).containsExactly("OpportunityContactRoles");
    }

    @Test
    void outputFieldsOverrideTheDefaultsOneByOne() {
        Map<OutputField, String> expected = new EnumMap<>(OutputField.class);
        for (OutputField field : OutputField.values()) {
            expected.put(field, CrmDialects.SALESFORCE.outputField(field));
        }
        expected.put(OutputField.QUALIFIED_STAGE, "Stagegate_Stage__c");
        expected.put(OutputField.NEXT_DEBRIEF_QUESTION, "sg__Next_Question__c");

        assertThat(playbook.outputFields()).isEqualTo(expected);
        assertThat(playbook.outputField(OutputField.OVER_STAGED)).isEqualTo("Over_Staged__c");
    }

    @Test
    void thePlaybookItself() {
        assertThat(playbook.name()).isEqualTo("Every rule");
        assertThat(playbook.crm()).isEqualTo(Crm.SALESFORCE);
        assertThat(playbook.currency()).isEqualTo("EUR");
        assertThat(playbook.pipelines()).extracting(pipeline -> pipeline.key()).containsExactly("standard");
        assertThat(playbook.defaultPipeline().won().label()).isEqualTo("Closed won");
        assertThat(playbook.defaultPipeline().lost().label()).isEqualTo("Closed lost");
        assertThat(rules.keySet().stream().collect(Collectors.toMap(Function.identity(), key -> key))).hasSize(6);
    }
}

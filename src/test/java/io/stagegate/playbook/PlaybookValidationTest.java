package io.stagegate.playbook;

import static io.stagegate.playbook.PlaybookYaml.HUBSPOT;
import static io.stagegate.playbook.PlaybookYaml.SALESFORCE;
import static io.stagegate.playbook.PlaybookYaml.lineOf;
import static io.stagegate.playbook.PlaybookYaml.replace;
import static io.stagegate.playbook.PlaybookYaml.withoutLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaybookValidationTest {

    /** Asserts that {@code yaml} has exactly one problem, at {@code path} and {@code line}, saying {@code says}. */
    private static PlaybookProblem assertOnlyProblem(String yaml, String path, int line, String... says) {
        List<PlaybookProblem> problems = PlaybookLoader.validate(yaml);
        assertThat(problems).as("problems").hasSize(1);
        PlaybookProblem problem = problems.get(0);
        assertThat(problem.path()).as("path of %s", problem).isEqualTo(path);
        assertThat(problem.line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.message()).as("message").contains(says);
        return problem;
    }

    @Test
    void theTemplatesAreValid() {
        assertThat(PlaybookLoader.validate(SALESFORCE)).isEmpty();
        assertThat(PlaybookLoader.validate(HUBSPOT)).isEmpty();
    }

    @Nested
    class CriterionReferences {

        @Test
        void unknownCriterionInExitCriteria() {
            String yaml = replace(SALESFORCE, "exitCriteria: [budget]", "exitCriteria: [budget, budgte]");

            assertOnlyProblem(yaml, "pipelines[0].stages[0].exitCriteria[1]", lineOf(yaml, "[budget, budgte]"),
                    "unknown criterion 'budgte'", "defined: budget, next_step");
        }

        @Test
        void unknownCriterionWhenThePlaybookDefinesNone() {
            String yaml = SALESFORCE.substring(0, SALESFORCE.indexOf("criteria:")) + SALESFORCE.substring(SALESFORCE.indexOf("pipelines:"));

            List<PlaybookProblem> problems = PlaybookLoader.validate(yaml);

            assertThat(problems).extracting(PlaybookProblem::path)
                    .containsExactly("pipelines[0].stages[0].exitCriteria[0]", "pipelines[0].stages[1].exitCriteria[0]");
            assertThat(problems).extracting(PlaybookProblem::line)
                    .containsExactly(lineOf(yaml, "[budget]"), lineOf(yaml, "[next_step]"));
            assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).contains("the playbook defines no criteria"));
        }

        @Test
        void criterionListedTwiceInOneStage() {
            String yaml = replace(SALESFORCE, "exitCriteria: [budget]", "exitCriteria: [budget, budget]");

            assertOnlyProblem(yaml, "pipelines[0].stages[0].exitCriteria[1]", lineOf(yaml, "[budget, budget]"),
                    "criterion 'budget' is listed twice");
        }
    }

    @Nested
    class Duplicates {

        private final String duplicateCriterion = replace(SALESFORCE, "pipelines:\n", """
                  budget:
                    label: Budget again
                    question: Budget again?
                    rule: { checkbox: Budget_Again__c }
                pipelines:
                """);

        @Test
        void duplicateCriterionKey() {
            assertOnlyProblem(duplicateCriterion, "criteria.budget", lineOf(duplicateCriterion, "label: Budget again") - 1,
                    "duplicate key 'budget'", "first at line");
        }

        @Test
        void duplicateCriterionKeyNamesTheLineOfTheFirstKey() {
            int firstKey = lineOf(duplicateCriterion, "label: Budget confirmed") - 1;

            assertOnlyProblem(duplicateCriterion, "criteria.budget", lineOf(duplicateCriterion, "label: Budget again") - 1,
                    "duplicate key 'budget' (first at line " + firstKey + ")");
        }

        @Test
        void duplicateScalarKeyNamesBothLines() {
            String yaml = replace(SALESFORCE, "    label: Next step scheduled\n",
                    "    label: Next step scheduled\n    label: Next step set\n");

            assertOnlyProblem(yaml, "criteria.next_step.label", lineOf(yaml, "label: Next step set"),
                    "duplicate key 'label' (first at line " + lineOf(yaml, "label: Next step scheduled") + ")");
        }

        @Test
        void duplicateStageKey() {
            String yaml = replace(SALESFORCE, "- key: second", "- key: first");

            assertOnlyProblem(yaml, "pipelines[0].stages[1].key", lineOf(SALESFORCE, "- key: second"),
                    "duplicate stage key 'first' (first at line " + lineOf(SALESFORCE, "- key: first") + ")");
        }

        @Test
        void duplicatePipelineKey() {
            String pipeline = SALESFORCE.substring(SALESFORCE.indexOf("  - key: standard"));
            String yaml = SALESFORCE + pipeline.replace("label: Standard", "label: Second process");

            assertOnlyProblem(yaml, "pipelines[1]", lineOf(yaml, "label: Second process") - 1,
                    "duplicate pipeline key 'standard' (first at line " + (lineOf(yaml, "label: Standard") - 1) + ")");
        }

        @Test
        void crmStageMappedTwiceAcrossStages() {
            String yaml = replace(SALESFORCE, "{ value: Review, probability: 95 }", "{ value: Prospecting, probability: 95 }");

            assertOnlyProblem(yaml, "pipelines[0].stages[1].crmStages[1].value", lineOf(yaml, "Prospecting, probability: 95"),
                    "CRM stage 'Prospecting' is mapped twice in this pipeline (first at line " + lineOf(yaml, "Prospecting, probability: 10") + ")");
        }

        @Test
        void crmStageMappedTwiceWithinOneStage() {
            String yaml = replace(SALESFORCE, "{ value: Review, probability: 95 }", "{ value: Negotiation, probability: 95 }");

            assertOnlyProblem(yaml, "pipelines[0].stages[1].crmStages[1].value", lineOf(yaml, "Negotiation, probability: 95"),
                    "CRM stage 'Negotiation' is mapped twice", "first at line " + lineOf(yaml, "Negotiation, probability: 90"));
        }

        @Test
        void crmStageMappedToAStageAndToWon() {
            String yaml = replace(SALESFORCE, "- { value: Closed Won, probability: 100 }",
                    "- { value: Closed Won, probability: 100 }\n        - { value: Review, probability: 100 }");

            assertOnlyProblem(yaml, "pipelines[0].won.crmStages[1].value", lineOf(yaml, "Review, probability: 100"),
                    "CRM stage 'Review' is mapped twice in this pipeline (first at line " + lineOf(yaml, "Review, probability: 95") + ")");
        }

        @Test
        void crmStageMappedToWonAndLost() {
            String yaml = replace(SALESFORCE, "- { value: Closed Lost, probability: 0 }",
                    "- { value: Closed Lost, probability: 0 }\n        - { value: Closed Won, probability: 0 }");

            assertOnlyProblem(yaml, "pipelines[0].lost.crmStages[1].value", lineOf(yaml, "Closed Won, probability: 0"),
                    "CRM stage 'Closed Won' is mapped twice", "first at line " + lineOf(yaml, "Closed Won, probability: 100"));
        }

        @Test
        void theSameCrmStageInTwoPipelinesIsFine() {
            String pipeline = SALESFORCE.substring(SALESFORCE.indexOf("  - key: standard"));

            assertThat(PlaybookLoader.validate(SALESFORCE + pipeline.replace("key: standard", "key: renewal"))).isEmpty();
        }
    }

    @Nested
    class Probabilities {

        @ParameterizedTest
        @ValueSource(strings = {"150", "100.5", "-5"})
        void salesforceProbabilitiesArePercentages(String probability) {
            String yaml = replace(SALESFORCE, "Prospecting, probability: 10 }", "Prospecting, probability: " + probability + " }");

            assertOnlyProblem(yaml, "pipelines[0].stages[0].crmStages[0].probability", lineOf(yaml, "Prospecting"),
                    "probability " + probability + " is outside 0–100", "percent");
        }

        @ParameterizedTest
        @ValueSource(strings = {"20", "1.01", "-0.1"})
        void hubspotProbabilitiesAreFractions(String probability) {
            String yaml = replace(HUBSPOT, "appointmentscheduled, probability: 0.2", "appointmentscheduled, probability: " + probability);

            assertOnlyProblem(yaml, "pipelines[0].stages[1].crmStages[0].probability", lineOf(yaml, "appointmentscheduled"),
                    "probability " + probability + " is outside 0–1", "fraction");
        }

        @Test
        void anExplicitStageProbabilityIsOnTheCrmScaleToo() {
            String yaml = replace(HUBSPOT, "probability: 0.1", "probability: 10");

            assertOnlyProblem(yaml, "pipelines[0].stages[0].probability", lineOf(yaml, "probability: 10"), "outside 0–1", "fraction");
        }

        @Test
        void aProbabilityMustBeANumber() {
            String yaml = replace(SALESFORCE, "Prospecting, probability: 10 }", "Prospecting, probability: 10% }");

            assertOnlyProblem(yaml, "pipelines[0].stages[0].crmStages[0].probability", lineOf(yaml, "Prospecting"), "'10%' is not a number");
        }

        @Test
        void theBoundsAreAllowed() {
            assertThat(PlaybookLoader.validate(replace(SALESFORCE, "Prospecting, probability: 10 }", "Prospecting, probability: 0 }"))).isEmpty();
            assertThat(PlaybookLoader.validate(replace(HUBSPOT, "probability: 0.1", "probability: 1"))).isEmpty();
        }

        @Test
        void aBadProbabilityIsReportedOnce() {
            String stage = replace(SALESFORCE, "Negotiation, probability: 90 }\n          - { value: Review, probability: 95 }",
                    "Negotiation, probability: 900 }");
            String won = replace(SALESFORCE, "Closed Won, probability: 100 }", "Closed Won, probability: 1000 }");

            assertOnlyProblem(stage, "pipelines[0].stages[1].crmStages[0].probability", lineOf(stage, "Negotiation"), "outside 0–100");
            assertOnlyProblem(won, "pipelines[0].won.crmStages[0].probability", lineOf(won, "Closed Won"), "outside 0–100");
        }
    }

    @Nested
    class Cel {

        @Test
        void syntaxError() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { cel: 'fields.Budget_Confirmed__c == ' }");

            PlaybookProblem problem = assertOnlyProblem(yaml, "criteria.budget.rule.cel", lineOf(yaml, "cel:"), "invalid CEL expression");
            assertThat(problem.message()).containsPattern("column \\d+");
        }

        @Test
        void resultThatIsNotABool() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { cel: 'amount * 2.0' }");

            PlaybookProblem problem = assertOnlyProblem(yaml, "criteria.budget.rule.cel", lineOf(yaml, "cel:"), "invalid CEL expression");
            assertThat(problem.message()).contains("bool").contains("double");
        }

        @Test
        void unknownVariable() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { cel: 'feilds.Budget__c == true' }");

            assertOnlyProblem(yaml, "criteria.budget.rule.cel", lineOf(yaml, "cel:"), "invalid CEL expression", "feilds");
        }

        @Test
        void fieldsReadByAnExpressionAreCrmNames() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { cel: 'fields[\"Budget Confirmed\"] == true' }");

            assertOnlyProblem(yaml, "criteria.budget.rule.cel", lineOf(yaml, "cel:"), "field 'Budget Confirmed' is not a Salesforce API name");
        }

        @Test
        void relationsReadByAnExpressionAreCrmNames() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }",
                    "rule: { cel: 'related[\"Contacts) FROM User; --\"] >= 1' }");

            assertOnlyProblem(yaml, "criteria.budget.rule.cel", lineOf(yaml, "cel:"), "relation 'Contacts) FROM User; --' is not a Salesforce API name");
        }
    }

    @Nested
    class FieldNames {

        @ParameterizedTest
        @ValueSource(strings = {"Budget Confirmed", "x'; DELETE", "1Field__c", "Foo___c", "_Foo__c", "Foo__c_", "Föö__c"})
        void invalidSalesforceFieldNames(String name) {
            String yaml = replace(SALESFORCE, "checkbox: Budget_Confirmed__c", "checkbox: \"" + name + "\"");

            assertOnlyProblem(yaml, "criteria.budget.rule.checkbox", lineOf(yaml, "checkbox:"),
                    "field '" + name + "' is not a Salesforce API name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Amount", "Budget_Confirmed__c", "ns__Budget__c", "NextStep", "Partner_Contacts__r"})
        void validSalesforceFieldNames(String name) {
            assertThat(PlaybookLoader.validate(replace(SALESFORCE, "checkbox: Budget_Confirmed__c", "checkbox: " + name))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"BudgetConfirmed", "budget-confirmed", "budget confirmed", "1budget", "_budget"})
        void invalidHubspotFieldNames(String name) {
            String yaml = replace(HUBSPOT, "checkbox: budget_confirmed", "checkbox: \"" + name + "\"");

            assertOnlyProblem(yaml, "criteria.budget.rule.checkbox", lineOf(yaml, "checkbox:"),
                    "field '" + name + "' is not a HubSpot internal name");
        }

        @Test
        void aSalesforceNameInAHubspotPlaybook() {
            String yaml = replace(HUBSPOT, "checkbox: budget_confirmed", "checkbox: Budget_Confirmed__c");

            assertOnlyProblem(yaml, "criteria.budget.rule.checkbox", lineOf(yaml, "checkbox:"), "'Budget_Confirmed__c' is not a HubSpot internal name");
        }

        @Test
        void relationNames() {
            String yaml = replace(HUBSPOT, "rule: { checkbox: budget_confirmed }", "rule: { relatedCountAtLeast: { relation: Contacts, min: 2 } }");

            assertOnlyProblem(yaml, "criteria.budget.rule.relatedCountAtLeast.relation", lineOf(yaml, "relatedCountAtLeast"),
                    "relation 'Contacts' is not a HubSpot internal name");
        }

        @Test
        void outputFieldNames() {
            String yaml = replace(SALESFORCE, "crm: salesforce\n", "crm: salesforce\noutputFields:\n  overStaged: Over Staged\n");

            assertOnlyProblem(yaml, "outputFields.overStaged", lineOf(yaml, "overStaged:"), "output field 'Over Staged' is not a Salesforce API name");
        }
    }

    @Nested
    class Rules {

        @Test
        void unknownRuleName() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { checkbx: Budget_Confirmed__c }");

            assertOnlyProblem(yaml, "criteria.budget.rule", lineOf(yaml, "checkbx"), "unknown rule 'checkbx'", "checkbox", "dateNotOlderThan", "cel");
        }

        @Test
        void aRuleWithTwoRules() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }",
                    "rule:\n      checkbox: Budget_Confirmed__c\n      datePresent: Budget_Date__c");

            assertOnlyProblem(yaml, "criteria.budget.rule", lineOf(yaml, "checkbox: Budget_Confirmed__c") - 1,
                    "a rule has exactly one of", "found checkbox, datePresent");
        }

        @Test
        void aRuleWithNoRule() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: {}");

            assertOnlyProblem(yaml, "criteria.budget.rule", lineOf(yaml, "rule: {}"), "a rule has exactly one of", "found none");
        }

        @Test
        void aRuleThatIsNotAMapping() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: Budget_Confirmed__c");

            assertOnlyProblem(yaml, "criteria.budget.rule", lineOf(yaml, "rule: Budget_Confirmed__c"), "expected a mapping");
        }

        @Test
        void problemsInsideANestedRule() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", """
                    rule:
                          allOf:
                            - checkbox: Budget_Confirmed__c
                            - anyOf:
                                - numberAtLeast: { field: Amount, min: lots }
                                - valueIn: { field: Type, values: [] }\
                    """);

            List<PlaybookProblem> problems = PlaybookLoader.validate(yaml);

            assertThat(problems).extracting(PlaybookProblem::path).containsExactly(
                    "criteria.budget.rule.allOf[1].anyOf[0].numberAtLeast.min",
                    "criteria.budget.rule.allOf[1].anyOf[1].valueIn.values");
            assertThat(problems).extracting(PlaybookProblem::line).containsExactly(lineOf(yaml, "min: lots"), lineOf(yaml, "values: []"));
            assertThat(problems.get(0).message()).contains("'lots' is not a number");
            assertThat(problems.get(1).message()).contains("valueIn needs at least one value");
        }

        @Test
        void anEmptyComposite() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { anyOf: [] }");

            assertOnlyProblem(yaml, "criteria.budget.rule.anyOf", lineOf(yaml, "anyOf"), "anyOf needs at least one rule");
        }

        @Test
        void numbersOutOfRange() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { relatedCountAtLeast: { relation: OpportunityContactRoles, min: 0 } }");

            assertOnlyProblem(yaml, "criteria.budget.rule.relatedCountAtLeast.min", lineOf(yaml, "min: 0"), "must be at least 1, was 0");
        }

        @Test
        void aRecursiveRuleIsAProblemNotACrash() {
            String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: &loop { allOf: [ *loop ] }");

            assertThatCode(() -> PlaybookLoader.validate(yaml)).doesNotThrowAnyException();
            assertThat(PlaybookLoader.validate(yaml)).extracting(PlaybookProblem::line).contains(lineOf(yaml, "&loop"));
        }
    }

    @Nested
    class UnknownKeys {

        static Stream<Arguments> typos() {
            return Stream.of(
                    typo("top level", SALESFORCE, "crm: salesforce\n", "crm: salesforce\ndescripton: typo\n", "descripton"),
                    typo("criterion", SALESFORCE, "    label: Budget confirmed\n", "    label: Budget confirmed\n    lable: typo\n", "criteria.budget.lable"),
                    typo("rule body", SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }",
                            "rule: { text: { field: Budget_Notes__c, minLenght: 5 } }", "criteria.budget.rule.text.minLenght"),
                    typo("relation rule body", SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }",
                            "rule: { relatedCountAtLeast: { relation: OpportunityContactRoles, min: 2, max: 5 } }",
                            "criteria.budget.rule.relatedCountAtLeast.max"),
                    typo("nested rule body", SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }",
                            "rule: { allOf: [ { dateNotOlderThan: { field: Demo_Date__c, days: 30, dayz: 3 } } ] }",
                            "criteria.budget.rule.allOf[0].dateNotOlderThan.dayz"),
                    typo("pipeline", SALESFORCE, "    label: Standard\n", "    label: Standard\n    lable: typo\n", "pipelines[0].lable"),
                    typo("stage", SALESFORCE, "benchmarkDays: 14", "benchmarkDay: 14", "pipelines[0].stages[0].benchmarkDay"),
                    typo("CRM stage", SALESFORCE, "Prospecting, probability: 10 }", "Prospecting, probability: 10, probabilty: 10 }",
                            "pipelines[0].stages[0].crmStages[0].probabilty"),
                    typo("won", SALESFORCE, "checklist: [", "checklists: [", "pipelines[0].won.checklists"),
                    typo("lost", SALESFORCE, "    label: Lost\n", "    label: Lost\n      lable: typo\n", "pipelines[0].lost.lable"),
                    typo("HubSpot stage", HUBSPOT, "probability: 0.1", "probability: 0.1\n        forecast: commit", "pipelines[0].stages[0].forecast"));
        }

        private static Arguments typo(String level, String yaml, String from, String to, String path) {
            return Arguments.of(level, replace(yaml, from, to), path);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("typos")
        void unknownKeyAtEveryLevel(String level, String yaml, String path) {
            String key = path.substring(path.lastIndexOf('.') + 1);

            assertOnlyProblem(yaml, path, lineOf(yaml, key + ":"), "unknown key '" + key + "'; expected ");
        }

        @Test
        void unknownOutputField() {
            String yaml = replace(SALESFORCE, "crm: salesforce\n", "crm: salesforce\noutputFields:\n  qualifiedStag: Stage__c\n");

            assertOnlyProblem(yaml, "outputFields.qualifiedStag", lineOf(yaml, "qualifiedStag"), "unknown output field 'qualifiedStag'", "qualifiedStage");
        }

        @Test
        void unknownKeyWithABlockValueIsReportedOnTheKeysLine() {
            String yaml = replace(SALESFORCE, "crm: salesforce\n", "crm: salesforce\noutputField:\n  qualifiedStage: Stage__c\n");

            assertOnlyProblem(yaml, "outputField", lineOf(yaml, "outputField:"), "unknown key 'outputField'");
        }
    }

    @Nested
    class MissingKeys {

        static Stream<Arguments> omissions() {
            String noPipelines = SALESFORCE.substring(0, SALESFORCE.indexOf("pipelines:"));
            String noWon = SALESFORCE.substring(0, SALESFORCE.indexOf("    won:")) + SALESFORCE.substring(SALESFORCE.indexOf("    lost:"));
            String noLost = SALESFORCE.substring(0, SALESFORCE.indexOf("    lost:"));
            return Stream.of(
                    omission("name", withoutLine(SALESFORCE, "name: Test playbook"), "", "crm: salesforce"),
                    omission("crm", withoutLine(SALESFORCE, "crm: salesforce"), "", "name: Test playbook"),
                    omission("pipelines", noPipelines, "", "name: Test playbook"),
                    omission("label", withoutLine(SALESFORCE, "label: Budget confirmed"), "criteria.budget", "  budget:"),
                    omission("question", withoutLine(SALESFORCE, "the budget?"), "criteria.budget", "  budget:"),
                    omission("rule", withoutLine(SALESFORCE, "Budget_Confirmed__c"), "criteria.budget", "  budget:"),
                    omission("key", replace(SALESFORCE, "- key: standard\n    label: Standard", "- label: Standard"), "pipelines[0]", "label: Standard"),
                    omission("key", replace(SALESFORCE, "- key: second\n        crmStages:", "- crmStages:"), "pipelines[0].stages[1]", "- crmStages:"),
                    omission("value", replace(SALESFORCE, "value: Review, probability: 95", "probability: 95"),
                            "pipelines[0].stages[1].crmStages[1]", "probability: 95"),
                    omission("probability", replace(SALESFORCE, "Prospecting, probability: 10 }", "Prospecting }"),
                            "pipelines[0].stages[0].crmStages[0]", "Prospecting"),
                    omission("won", noWon, "pipelines[0]", "- key: standard"),
                    omission("lost", noLost, "pipelines[0]", "- key: standard"),
                    omission("crmStages", replace(SALESFORCE, "      crmStages:\n        - { value: Closed Won, probability: 100 }\n", ""),
                            "pipelines[0].won", "    won:"),
                    omission("crmStages", replace(SALESFORCE, "      crmStages:\n        - { value: Closed Lost, probability: 0 }\n", ""),
                            "pipelines[0].lost", "    lost:"));
        }

        private static Arguments omission(String key, String yaml, String path, String reportedAt) {
            return Arguments.of(key, yaml, path, lineOf(yaml, reportedAt));
        }

        @ParameterizedTest(name = "missing {0} at {2}")
        @MethodSource("omissions")
        void missingRequiredKey(String key, String yaml, String path, int line) {
            assertOnlyProblem(yaml, path, line, "missing '" + key + "'");
        }

        @Test
        void aStageWithNoCrmStageAndNoProbability() {
            String yaml = replace(SALESFORCE, "- key: second\n        crmStages:\n"
                    + "          - { value: Negotiation, probability: 90 }\n          - { value: Review, probability: 95 }\n", "- key: second\n");

            assertOnlyProblem(yaml, "pipelines[0].stages[1]", lineOf(yaml, "- key: second"),
                    "stage 'second' maps no CRM stage", "needs an explicit 'probability'");
        }

        @Test
        void aStageWithAnEmptyListOfCrmStagesAndNoProbability() {
            String yaml = replace(SALESFORCE, "- key: second\n        crmStages:\n"
                    + "          - { value: Negotiation, probability: 90 }\n          - { value: Review, probability: 95 }\n",
                    "- key: second\n        crmStages: []\n");

            assertOnlyProblem(yaml, "pipelines[0].stages[1]", lineOf(yaml, "- key: second"), "stage 'second' maps no CRM stage");
        }

        @Test
        void anEmptyListOfPipelines() {
            String yaml = SALESFORCE.substring(0, SALESFORCE.indexOf("pipelines:")) + "pipelines: []\n";

            assertOnlyProblem(yaml, "pipelines", lineOf(yaml, "pipelines: []"), "needs at least one pipeline");
        }

        @Test
        void anEmptyWon() {
            String yaml = replace(SALESFORCE, "- { value: Closed Won, probability: 100 }", "[]");

            assertOnlyProblem(yaml, "pipelines[0].won.crmStages", lineOf(yaml, "[]") - 1, "needs at least one CRM stage");
        }

        @Test
        void withoutACrmTheOtherProblemsAreStillReported() {
            String yaml = replace(withoutLine(SALESFORCE, "crm: salesforce"), "benchmarkDays: 14", "benchmarkDay: 14");

            assertThat(PlaybookLoader.validate(yaml)).extracting(PlaybookProblem::path).containsExactly("", "pipelines[0].stages[0].benchmarkDay");
        }
    }

    @Nested
    class NotAPlaybook {

        @Test
        void malformedYamlReportsItsLine() {
            String yaml = replace(SALESFORCE, "question: Is a next step scheduled?", "question: Next step: is it scheduled?");

            assertOnlyProblem(yaml, "", lineOf(yaml, "Next step: is it"), "not valid YAML", "mapping values are not allowed here");
        }

        @Test
        void unclosedFlowList() {
            String yaml = "name: x\ncrm: salesforce\npipelines: [ { key: a }\n";

            PlaybookProblem problem = assertOnlyProblem(yaml, "", 4, "not valid YAML");
            assertThat(problem.toString()).startsWith("line 4, not valid YAML");
        }

        @Test
        void twoDocuments() {
            assertOnlyProblem(SALESFORCE + "---\n" + SALESFORCE, "", lineOf(SALESFORCE + "---\n", "---"), "not valid YAML", "another document");
        }

        @Test
        void twoDocumentsSaysThatOnlyOneIsExpected() {
            assertOnlyProblem(SALESFORCE + "---\n" + SALESFORCE, "", lineOf(SALESFORCE + "---\n", "---"), "expected a single document");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   \n\n", "# nothing but a comment\n"})
        void emptyDocument(String yaml) {
            assertOnlyProblem(yaml, "", 0, "the playbook is empty");
        }

        @Test
        void anEmptyExplicitDocumentIsEmpty() {
            assertOnlyProblem("---\n", "", 0, "the playbook is empty");
        }

        @Test
        void nullDocument() {
            assertOnlyProblem(null, "", 0, "the playbook is empty");
        }

        @Test
        void aListInsteadOfAMapping() {
            assertOnlyProblem("- name: x\n- crm: salesforce\n", "", 1, "expected a mapping (key: value), found a list");
        }

        @Test
        void aHugeDocument() {
            String yaml = SALESFORCE + "#" + "x".repeat(1_000_000) + "\n";

            assertOnlyProblem(yaml, "", 0, "larger than 1000000 characters");
        }

        @Test
        void unknownCrm() {
            String yaml = replace(SALESFORCE, "crm: salesforce", "crm: dynamics");

            assertOnlyProblem(yaml, "crm", 2, "unknown crm 'dynamics'; expected salesforce or hubspot");
        }
    }

    @Nested
    class SeveralProblems {

        private static final String BROKEN = """
                name: Several problems
                crm: salesforce
                colour: blue
                criteria:
                  budget:
                    label: Budget confirmed
                    rule: { checkbox: Budget Confirmed__c }
                  next_step:
                    label: Next step scheduled
                    question: Is a next step scheduled?
                    rule: { cel: "fields.Next_Step_Date__c >= " }
                pipelines:
                  - key: standard
                    stages:
                      - key: first
                        crmStages:
                          - { value: Prospecting, probability: 150 }
                          - { value: Qualification, probability: 20 }
                        exitCriteria: [budget, budgte]
                      - key: first
                        crmStages:
                          - { value: Qualification, probability: 20 }
                          - { value: Negotiation, probability: 90 }
                        exitCriteria: [next_step]
                    won:
                      crmStages:
                        - { value: Closed Won, probability: 100 }
                """;

        @Test
        void everyProblemIsReportedAtOnceInLineOrder() {
            List<PlaybookProblem> problems = PlaybookLoader.validate(BROKEN);

            assertThat(problems).hasSize(9);
            assertThat(problems).extracting(PlaybookProblem::line).containsExactly(3, 5, 7, 11, 13, 17, 19, 20, 22);
            assertThat(problems).extracting(PlaybookProblem::path).containsExactly(
                    "colour",
                    "criteria.budget",
                    "criteria.budget.rule.checkbox",
                    "criteria.next_step.rule.cel",
                    "pipelines[0]",
                    "pipelines[0].stages[0].crmStages[0].probability",
                    "pipelines[0].stages[0].exitCriteria[1]",
                    "pipelines[0].stages[1].key",
                    "pipelines[0].stages[1].crmStages[0].value");
            assertThat(problems).extracting(PlaybookProblem::message).satisfiesExactly(
                    message -> assertThat(message).contains("unknown key 'colour'"),
                    message -> assertThat(message).contains("missing 'question'"),
                    message -> assertThat(message).contains("'Budget Confirmed__c' is not a Salesforce API name"),
                    message -> assertThat(message).contains("invalid CEL expression"),
                    message -> assertThat(message).contains("missing 'lost'"),
                    message -> assertThat(message).contains("probability 150 is outside 0–100"),
                    message -> assertThat(message).contains("unknown criterion 'budgte'"),
                    message -> assertThat(message).contains("duplicate stage key 'first' (first at line 15)"),
                    message -> assertThat(message).contains("CRM stage 'Qualification' is mapped twice in this pipeline (first at line 18)"));
        }

        @Test
        void loadThrowsWithTheProblemsValidateReports() {
            InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class,
                    () -> PlaybookLoader.load("broken.yaml", BROKEN));

            assertThat(thrown).isNotNull();
            assertThat(thrown.source()).isEqualTo("broken.yaml");
            assertThat(thrown.problems()).isEqualTo(PlaybookLoader.validate(BROKEN));
            assertThat(thrown.getMessage()).startsWith("playbook broken.yaml has 9 problem(s):")
                    .contains("line 3, colour: unknown key 'colour'")
                    .contains("line 19, pipelines[0].stages[0].exitCriteria[1]: unknown criterion 'budgte'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "crm: salesforce\n", "name: x\ncrm: salesforce\npipelines: [ { key: a }\n"})
        void loadThrowsForEveryUnusablePlaybook(String yaml) {
            InvalidPlaybookException thrown = catchThrowableOfType(InvalidPlaybookException.class, () -> PlaybookLoader.load("upload", yaml));

            assertThat(thrown).isNotNull();
            assertThat(thrown.problems()).isNotEmpty().isEqualTo(PlaybookLoader.validate(yaml));
        }

        @Test
        void loadReturnsAValidPlaybook() {
            Playbook playbook = PlaybookLoader.load("test", SALESFORCE);

            assertThat(playbook.crm()).isEqualTo(Crm.SALESFORCE);
            assertThat(playbook.pipelines()).singleElement().satisfies(pipeline -> assertThat(pipeline.stages()).hasSize(2));
        }
    }
}

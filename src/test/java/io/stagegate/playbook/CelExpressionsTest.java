package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Rule;
import io.stagegate.criteria.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CelExpressionsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static Opportunity opportunity(Map<String, Object> fields, Map<String, Integer> relatedCounts) {
        return new Opportunity("006000000000001", null, "Needs Analysis", new BigDecimal("120000.00"), "USD", TODAY.plusDays(40),
                "005000000000001", fields, relatedCounts, TODAY.minusDays(3), List.of());
    }

    private static Opportunity qualified() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Budget_Confirmed__c", true);
        fields.put("Next_Step_Date__c", TODAY.plusDays(7));
        fields.put("Demo_Date__c", TODAY.minusDays(10));
        fields.put("Competitor__c", "None");
        fields.put("Seats__c", 250);
        return opportunity(fields, Map.of("OpportunityContactRoles", 3));
    }

    private static Rule.Expression compile(String source) {
        CelExpressions.Result result = CelExpressions.compile(source);
        assertThat(result.error()).as("compile error of %s", source).isNull();
        return result.rule();
    }

    private static Verdict evaluate(String source, Opportunity opportunity) {
        return compile(source).evaluate(opportunity, TODAY);
    }

    @Test
    void anExpressionOverEveryVariable() {
        String source = "fields.Budget_Confirmed__c == true && related.OpportunityContactRoles >= 3"
                + " && fields.Next_Step_Date__c >= today && amount >= 100000.0 && stage == 'Needs Analysis'";

        Verdict verdict = evaluate(source, qualified());

        assertThat(verdict.met()).isTrue();
        assertThat(verdict.observed()).contains("Budget_Confirmed__c=true", "Next_Step_Date__c=2026-11-27", "count(OpportunityContactRoles)=3");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "fields.Budget_Confirmed__c == false",
        "related.OpportunityContactRoles >= 4",
        "fields.Next_Step_Date__c < today",
        "amount > 120000.0",
        "stage == 'Closed Won'",
        "fields.Competitor__c in ['Acme', 'Globex']",
        "fields.Seats__c < 250.0"})
    void falseExpressionsAreUnmet(String source) {
        Verdict verdict = evaluate(source, qualified());

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.observed()).doesNotContain("error");
    }

    @Test
    void numbersArriveAsDoubles() {
        assertThat(evaluate("fields.Seats__c >= 250.0 && fields.Seats__c == 250.0", qualified()).met()).isTrue();
    }

    @Test
    void datesCompareWithTodayAsIsoStrings() {
        String nextStepScheduled = "fields.Next_Step_Date__c >= today";
        String demoHeldLastMonth = "fields.Demo_Date__c < today && fields.Demo_Date__c >= '2026-10-20'";

        assertThat(evaluate(nextStepScheduled, qualified()).met()).isTrue();
        assertThat(evaluate(nextStepScheduled, opportunity(Map.of("Next_Step_Date__c", TODAY), Map.of())).met()).isTrue();
        assertThat(evaluate(nextStepScheduled, opportunity(Map.of("Next_Step_Date__c", TODAY.minusDays(1)), Map.of())).met()).isFalse();
        assertThat(evaluate(nextStepScheduled, opportunity(Map.of("Next_Step_Date__c", Instant.parse("2026-11-20T23:30:00Z")), Map.of())).met()).isTrue();
        assertThat(evaluate(demoHeldLastMonth, qualified()).met()).isTrue();
        assertThat(evaluate(demoHeldLastMonth, opportunity(Map.of("Demo_Date__c", LocalDate.of(2026, 10, 19)), Map.of())).met()).isFalse();
    }

    @Test
    void todayIsTheEvaluationDay() {
        Rule.Expression rule = compile("fields.Next_Step_Date__c >= today");
        Opportunity opportunity = qualified();

        assertThat(rule.evaluate(opportunity, TODAY.plusDays(7)).met()).isTrue();
        assertThat(rule.evaluate(opportunity, TODAY.plusDays(8)).met()).isFalse();
    }

    @Test
    void aMissingFieldWithoutHasIsUnmetWithAnErrorNotAnException() {
        Rule.Expression rule = compile("fields.Budget_Confirmed__c == true");
        Opportunity empty = opportunity(Map.of(), Map.of());

        assertThatCode(() -> rule.evaluate(empty, TODAY)).doesNotThrowAnyException();
        Verdict verdict = rule.evaluate(empty, TODAY);
        assertThat(verdict.met()).isFalse();
        assertThat(verdict.observed()).contains("Budget_Confirmed__c=empty").contains("error");
    }

    @Test
    void aMissingRelationWithoutHasIsUnmetWithAnError() {
        Verdict verdict = evaluate("related.OpportunityContactRoles >= 1", opportunity(Map.of(), Map.of()));

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.observed()).contains("count(OpportunityContactRoles)=unknown", "error");
    }

    @Test
    void aValueOfTheWrongTypeIsUnmetWithAnError() {
        Verdict verdict = evaluate("fields.Seats__c > 'many'", qualified());

        assertThat(verdict.met()).isFalse();
        assertThat(verdict.observed()).contains("error");
    }

    @Test
    void hasGuardsAMissingField() {
        String source = "has(fields.Budget_Confirmed__c) && fields.Budget_Confirmed__c";

        Verdict missing = evaluate(source, opportunity(Map.of(), Map.of()));
        assertThat(missing.met()).isFalse();
        assertThat(missing.observed()).isEqualTo("Budget_Confirmed__c=empty");
        assertThat(evaluate(source, qualified()).met()).isTrue();
    }

    @Test
    void theFieldsAndRelationsItReadsAreExtracted() {
        Rule.Expression rule = compile("fields.Budget__c == true && fields[\"Other__c\"] != 'TBD'"
                + " && has(fields.Budget__c) && related.OpportunityContactRoles > 1");

        assertThat(rule.source()).startsWith("fields.Budget__c == true");
        assertThat(rule.fields()).containsExactlyInAnyOrder("Budget__c", "Other__c");
        assertThat(rule.relations()).containsExactly("OpportunityContactRoles");
    }

    @Test
    void onlyTheFieldsItReadsArePassedIn() {
        Verdict verdict = evaluate("fields.Budget_Confirmed__c", qualified());

        assertThat(verdict.met()).isTrue();
        assertThat(verdict.observed()).isEqualTo("Budget_Confirmed__c=true");
    }

    @Test
    void anInvalidExpressionReturnsAnErrorWithItsColumn() {
        CelExpressions.Result result = CelExpressions.compile("fields.Budget__c == ");

        assertThat(result.rule()).isNull();
        assertThat(result.error()).startsWith("invalid CEL expression: ").containsPattern("expression line 1, column \\d+");
    }

    @Test
    void theColumnPointsAtTheMistake() {
        CelExpressions.Result result = CelExpressions.compile("amount > 1.0 && nope > 2.0");

        assertThat(result.error()).contains("nope").contains("column 17");
    }

    @Test
    void anExpressionMustYieldABool() {
        CelExpressions.Result result = CelExpressions.compile("amount * 2.0");

        assertThat(result.rule()).isNull();
        assertThat(result.error()).startsWith("invalid CEL expression: ").contains("bool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "fields.", "((((", "fields[\"x\"", "'unterminated"})
    void garbageIsAnErrorNotAnException(String source) {
        assertThatCode(() -> CelExpressions.compile(source)).doesNotThrowAnyException();
        assertThat(CelExpressions.compile(source).error()).startsWith("invalid CEL expression: ");
    }
}

package io.stagegate.sandbox.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Rule;
import io.stagegate.criteria.Verdict;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RuleValuesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final int SEEDS = 300;

    private static final Rule CHECKBOX = new Rule.CheckboxTrue("Budget_Confirmed__c");
    private static final Rule TEXT = new Rule.TextPresent("Decision_Process__c", 12, Rule.TextPresent.DEFAULT_PLACEHOLDERS);
    private static final Rule DATE_PRESENT = new Rule.DatePresent("Discovery_Meeting_Date__c");
    private static final Rule DATE_IN_PAST = new Rule.DateInPast("Demo_Date__c");
    private static final Rule NOT_OLDER = new Rule.DateNotOlderThan("Last_Contact_Date__c", 30);
    private static final Rule TODAY_OR_LATER = new Rule.DateTodayOrLater("Next_Step_Date__c");
    private static final Rule NUMBER = new Rule.NumberAtLeast("Budget_Amount__c", new BigDecimal("50000"));
    private static final Rule VALUE_IN = new Rule.ValueIn("Champion_Level__c", Set.of("C-Level", "VP"));
    private static final Rule RELATED = new Rule.RelatedCountAtLeast("OpportunityContactRoles", 3);
    private static final Rule ALL_OF = new Rule.AllOf(List.of(DATE_IN_PAST, TODAY_OR_LATER));
    private static final Rule ANY_OF = new Rule.AnyOf(List.of(CHECKBOX, RELATED));

    @Test
    void satisfiesAndViolatesEveryRuleType() {
        for (Rule rule : List.of(CHECKBOX, TEXT, DATE_PRESENT, DATE_IN_PAST, NOT_OLDER, TODAY_OR_LATER, NUMBER, VALUE_IN, RELATED, ALL_OF, ANY_OF,
                new Rule.AnyOf(List.of(new Rule.AllOf(List.of(CHECKBOX, NUMBER)), new Rule.AllOf(List.of(TEXT, VALUE_IN)))))) {
            for (int seed = 0; seed < SEEDS; seed++) {
                FieldValues met = RuleValues.satisfying(rule, TODAY, new SplittableRandom(seed));
                FieldValues unmet = RuleValues.violating(rule, TODAY, new SplittableRandom(seed));
                assertThat(evaluate(rule, met).met()).as("%s satisfied by %s", rule, met).isTrue();
                assertThat(evaluate(rule, unmet).met()).as("%s violated by %s", rule, unmet).isFalse();
            }
        }
    }

    @Test
    void producesTheDocumentedKindsOfValues() {
        SplittableRandom random = new SplittableRandom(7);
        boolean sawPlaceholder = false;
        boolean sawAbsentDate = false;
        boolean sawFutureDemo = false;
        boolean sawLapsedNextStep = false;
        for (int i = 0; i < SEEDS; i++) {
            assertThat(RuleValues.satisfying(CHECKBOX, TODAY, random).fields()).containsEntry("Budget_Confirmed__c", true);
            Object text = RuleValues.violating(TEXT, TODAY, random).fields().get("Decision_Process__c");
            sawPlaceholder |= "TBD".equals(text);
            LocalDate past = (LocalDate) RuleValues.satisfying(DATE_IN_PAST, TODAY, random).fields().get("Demo_Date__c");
            assertThat(past).isBeforeOrEqualTo(TODAY);
            Object demo = RuleValues.violating(DATE_IN_PAST, TODAY, random).fields().get("Demo_Date__c");
            sawAbsentDate |= demo == null;
            sawFutureDemo |= demo != null && ((LocalDate) demo).isAfter(TODAY);
            LocalDate next = (LocalDate) RuleValues.satisfying(TODAY_OR_LATER, TODAY, random).fields().get("Next_Step_Date__c");
            assertThat(next).isAfterOrEqualTo(TODAY);
            Object lapsed = RuleValues.violating(TODAY_OR_LATER, TODAY, random).fields().get("Next_Step_Date__c");
            sawLapsedNextStep |= lapsed != null && ((LocalDate) lapsed).isBefore(TODAY);
            LocalDate recent = (LocalDate) RuleValues.satisfying(NOT_OLDER, TODAY, random).fields().get("Last_Contact_Date__c");
            assertThat(recent).isBetween(TODAY.minusDays(30), TODAY);
            assertThat((BigDecimal) RuleValues.satisfying(NUMBER, TODAY, random).fields().get("Budget_Amount__c")).isGreaterThanOrEqualTo(new BigDecimal("50000"));
            assertThat(RuleValues.satisfying(VALUE_IN, TODAY, random).fields().get("Champion_Level__c")).isIn("C-Level", "VP");
            assertThat(RuleValues.satisfying(RELATED, TODAY, random).related().get("OpportunityContactRoles")).isGreaterThanOrEqualTo(3);
            assertThat(RuleValues.violating(RELATED, TODAY, random).related().get("OpportunityContactRoles")).isBetween(0, 2);
        }
        assertThat(sawPlaceholder).isTrue();
        assertThat(sawAbsentDate).isTrue();
        assertThat(sawFutureDemo).isTrue();
        assertThat(sawLapsedNextStep).isTrue();
    }

    @Test
    void rulesSharingAFieldComeOutConsistent() {
        Rule happenedToday = new Rule.AllOf(List.of(DATE_IN_PAST, new Rule.DateTodayOrLater("Demo_Date__c")));
        Rule recentPast = new Rule.AllOf(List.of(new Rule.DateInPast("Last_Contact_Date__c"), NOT_OLDER));
        for (int seed = 0; seed < SEEDS; seed++) {
            FieldValues today = RuleValues.satisfying(happenedToday, TODAY, new SplittableRandom(seed));
            assertThat(today.fields()).containsEntry("Demo_Date__c", TODAY);
            assertThat(evaluate(happenedToday, RuleValues.violating(happenedToday, TODAY, new SplittableRandom(seed))).met()).isFalse();
            assertThat(evaluate(recentPast, RuleValues.satisfying(recentPast, TODAY, new SplittableRandom(seed))).met()).isTrue();
        }
        // one draft, several criteria reading the next-step date: the verdict of each holds together
        RuleValues values = RuleValues.of(List.of(ALL_OF, TODAY_OR_LATER, new Rule.AllOf(List.of(CHECKBOX, TODAY_OR_LATER))));
        for (int seed = 0; seed < SEEDS; seed++) {
            RuleValues.Draft draft = values.draft(new SplittableRandom(seed));
            assertThat(draft.require(ALL_OF, true)).isTrue();
            assertThat(draft.require(TODAY_OR_LATER, false)).as("contradicts the next step just required").isFalse();
            assertThat(draft.require(new Rule.AllOf(List.of(CHECKBOX, TODAY_OR_LATER)), false)).as("violated by its checkbox").isTrue();
            FieldValues result = draft.values(TODAY, RuleValues.PAST);
            assertThat(evaluate(ALL_OF, result).met()).isTrue();
            assertThat(evaluate(TODAY_OR_LATER, result).met()).isTrue();
            assertThat(result.fields().get("Budget_Confirmed__c")).isNotEqualTo(true);
        }
    }

    @Test
    void refusesWhatCannotBeSatisfied() {
        Rule impossible = new Rule.AllOf(List.of(new Rule.ValueIn("Tier__c", Set.of("Gold")), new Rule.ValueIn("Tier__c", Set.of("Silver"))));
        assertThatThrownBy(() -> RuleValues.satisfying(impossible, TODAY, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(evaluate(impossible, RuleValues.violating(impossible, TODAY, new SplittableRandom(1))).met()).isFalse();
    }

    @Test
    void expressionsCannotBeGeneratedAndLeaveTheirFieldsAbsent() {
        Rule expression = new Rule.Expression("has(fields.Budget__c)", Set.of("Budget__c"), Set.of(),
                (opportunity, today) -> Verdict.of(opportunity.field("Budget__c") != null, "Budget__c"));
        assertThat(RuleValues.satisfying(expression, TODAY, new SplittableRandom(1)).fields()).isEmpty();
        RuleValues.Draft draft = RuleValues.of(List.of(expression)).draft(new SplittableRandom(1));
        assertThat(draft.require(expression, true)).isTrue();
        assertThat(draft.controlled()).isFalse();
    }

    private static Verdict evaluate(Rule rule, FieldValues values) {
        Opportunity opportunity = new Opportunity("o", null, "s", null, null, null, null, values.fields(), values.related(), null, null);
        return rule.evaluate(opportunity, TODAY);
    }
}

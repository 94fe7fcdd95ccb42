package io.stagegate.criteria;

import static io.stagegate.criteria.TestPlaybooks.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleTest {

    private static Opportunity with(String field, Object value) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(field, value);
        return new Opportunity("006X", null, "Prospecting", BigDecimal.TEN, "USD", null, "jim", fields, null, null, null);
    }

    private static Opportunity withCount(String relation, Integer count) {
        Map<String, Integer> related = new HashMap<>();
        if (count != null) {
            related.put(relation, count);
        }
        return new Opportunity("006X", null, "Prospecting", BigDecimal.TEN, "USD", null, "jim", Map.of(), related, null, null);
    }

    private static Verdict eval(Rule rule, String field, Object value) {
        return rule.evaluate(with(field, value), TODAY);
    }

    @Nested
    class CheckboxTrueRule {
        private final Rule rule = new Rule.CheckboxTrue("Budget_Confirmed__c");

        @Test
        void booleanTrueIsMet() {
            assertThat(eval(rule, "Budget_Confirmed__c", Boolean.TRUE)).isEqualTo(new Verdict(true, "Budget_Confirmed__c=true"));
        }

        @Test
        void booleanFalseIsUnmet() {
            assertThat(eval(rule, "Budget_Confirmed__c", Boolean.FALSE)).isEqualTo(new Verdict(false, "Budget_Confirmed__c=false"));
        }

        @Test
        void hubspotStringTrueIsMet() {
            assertThat(eval(rule, "Budget_Confirmed__c", "true")).isEqualTo(new Verdict(true, "Budget_Confirmed__c=true"));
            assertThat(eval(rule, "Budget_Confirmed__c", " TRUE ").met()).isTrue();
        }

        @Test
        void hubspotStringFalseIsUnmet() {
            assertThat(eval(rule, "Budget_Confirmed__c", "false")).isEqualTo(new Verdict(false, "Budget_Confirmed__c=false"));
        }

        @Test
        void nullIsUnmetAndObservedEmpty() {
            assertThat(eval(rule, "Budget_Confirmed__c", null)).isEqualTo(new Verdict(false, "Budget_Confirmed__c=empty"));
        }

        @Test
        void missingFieldIsUnmetAndObservedEmpty() {
            assertThat(rule.evaluate(with("Other__c", true), TODAY)).isEqualTo(new Verdict(false, "Budget_Confirmed__c=empty"));
        }

        @Test
        void unreadableTextIsUnmet() {
            assertThat(eval(rule, "Budget_Confirmed__c", "maybe")).isEqualTo(new Verdict(false, "Budget_Confirmed__c=maybe"));
        }

        @Test
        void numbersReadAsCheckbox() {
            assertThat(eval(rule, "Budget_Confirmed__c", 1).met()).isTrue();
            assertThat(eval(rule, "Budget_Confirmed__c", 0).met()).isFalse();
        }

        @Test
        void readsOnlyItsField() {
            assertThat(rule.fields()).containsExactly("Budget_Confirmed__c");
            assertThat(rule.relations()).isEmpty();
        }
    }

    @Nested
    class TextPresentRule {
        private final Rule rule = new Rule.TextPresent("Notes__c", 5, Rule.TextPresent.DEFAULT_PLACEHOLDERS);

        @Test
        void realTextIsMet() {
            assertThat(eval(rule, "Notes__c", "Co-designed rollout")).isEqualTo(new Verdict(true, "Notes__c=Co-designed rollout"));
        }

        @Test
        void textOfExactlyMinLengthIsMet() {
            assertThat(eval(rule, "Notes__c", "abcde").met()).isTrue();
        }

        @Test
        void textShorterThanMinLengthIsUnmet() {
            assertThat(eval(rule, "Notes__c", "abcd")).isEqualTo(new Verdict(false, "Notes__c=abcd"));
        }

        @Test
        void surroundingWhitespaceDoesNotCount() {
            assertThat(eval(rule, "Notes__c", "  abcd   ").met()).isFalse();
            assertThat(eval(rule, "Notes__c", "   ").met()).isFalse();
        }

        @Test
        void placeholdersAreRejectedWhateverTheirCase() {
            Rule anyLength = new Rule.TextPresent("Notes__c", 1, Rule.TextPresent.DEFAULT_PLACEHOLDERS);
            for (String placeholder : List.of("N/A", "n/a", "TBD", "tbd", "Tbd", "-", " TBD ", "None", "UNKNOWN")) {
                assertThat(eval(anyLength, "Notes__c", placeholder).met()).as(placeholder).isFalse();
            }
            assertThat(eval(anyLength, "Notes__c", "N/A")).isEqualTo(new Verdict(false, "Notes__c=N/A"));
        }

        @Test
        void customPlaceholdersAreNormalised() {
            Rule custom = new Rule.TextPresent("Notes__c", 1, Set.of("  Pending "));
            assertThat(eval(custom, "Notes__c", "PENDING").met()).isFalse();
            assertThat(eval(custom, "Notes__c", "TBD").met()).isTrue();
        }

        @Test
        void emptyIsUnmet() {
            assertThat(eval(rule, "Notes__c", null)).isEqualTo(new Verdict(false, "Notes__c=empty"));
        }

        @Test
        void minLengthBelowOneIsRejected() {
            assertThatThrownBy(() -> new Rule.TextPresent("Notes__c", 0, Set.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DatePresentRule {
        private final Rule rule = new Rule.DatePresent("Demo_Date__c");

        @Test
        void localDateIsMet() {
            assertThat(eval(rule, "Demo_Date__c", LocalDate.of(2026, 11, 20))).isEqualTo(new Verdict(true, "Demo_Date__c=2026-11-20"));
        }

        @Test
        void futureDateIsAlsoPresent() {
            assertThat(eval(rule, "Demo_Date__c", "2030-01-01").met()).isTrue();
        }

        @Test
        void emptyIsUnmet() {
            assertThat(eval(rule, "Demo_Date__c", null)).isEqualTo(new Verdict(false, "Demo_Date__c=empty"));
            assertThat(eval(rule, "Demo_Date__c", "").met()).isFalse();
        }

        @Test
        void garbageIsUnmetAndObserved() {
            assertThat(eval(rule, "Demo_Date__c", "next week")).isEqualTo(new Verdict(false, "Demo_Date__c=next week"));
        }
    }

    @Nested
    class DateInPastRule {
        private final Rule rule = new Rule.DateInPast("Demo_Date__c");

        @Test
        void yesterdayIsMet() {
            assertThat(eval(rule, "Demo_Date__c", TODAY.minusDays(1))).isEqualTo(new Verdict(true, "Demo_Date__c=2026-11-25"));
        }

        @Test
        void todayCounts() {
            assertThat(eval(rule, "Demo_Date__c", TODAY).met()).isTrue();
        }

        @Test
        void tomorrowDoesNot() {
            assertThat(eval(rule, "Demo_Date__c", TODAY.plusDays(1))).isEqualTo(new Verdict(false, "Demo_Date__c=2026-11-27"));
        }

        @Test
        void emptyIsUnmet() {
            assertThat(eval(rule, "Demo_Date__c", null)).isEqualTo(new Verdict(false, "Demo_Date__c=empty"));
        }
    }

    @Nested
    class DateNotOlderThanRule {
        private final Rule rule = new Rule.DateNotOlderThan("Last_Meeting__c", 30);

        @Test
        void exactlyNDaysAgoIsMet() {
            assertThat(eval(rule, "Last_Meeting__c", TODAY.minusDays(30))).isEqualTo(new Verdict(true, "Last_Meeting__c=2026-10-27"));
        }

        @Test
        void nPlusOneDaysAgoIsUnmet() {
            assertThat(eval(rule, "Last_Meeting__c", TODAY.minusDays(31))).isEqualTo(new Verdict(false, "Last_Meeting__c=2026-10-26"));
        }

        @Test
        void todayIsMet() {
            assertThat(eval(rule, "Last_Meeting__c", TODAY).met()).isTrue();
        }

        @Test
        void futureIsUnmet() {
            assertThat(eval(rule, "Last_Meeting__c", TODAY.plusDays(1)).met()).isFalse();
        }

        @Test
        void zeroDaysMeansToday() {
            Rule todayOnly = new Rule.DateNotOlderThan("Last_Meeting__c", 0);
            assertThat(eval(todayOnly, "Last_Meeting__c", TODAY).met()).isTrue();
            assertThat(eval(todayOnly, "Last_Meeting__c", TODAY.minusDays(1)).met()).isFalse();
        }

        @Test
        void negativeDaysAreRejected() {
            assertThatThrownBy(() -> new Rule.DateNotOlderThan("Last_Meeting__c", -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DateTodayOrLaterRule {
        private final Rule rule = new Rule.DateTodayOrLater("Next_Step_Date__c");

        @Test
        void todayIsMet() {
            assertThat(eval(rule, "Next_Step_Date__c", TODAY)).isEqualTo(new Verdict(true, "Next_Step_Date__c=2026-11-26"));
        }

        @Test
        void tomorrowIsMet() {
            assertThat(eval(rule, "Next_Step_Date__c", TODAY.plusDays(1)).met()).isTrue();
        }

        @Test
        void yesterdayIsUnmet() {
            assertThat(eval(rule, "Next_Step_Date__c", TODAY.minusDays(1))).isEqualTo(new Verdict(false, "Next_Step_Date__c=2026-11-25"));
        }

        @Test
        void sameValueChangesVerdictWithToday() {
            Opportunity opp = with("Next_Step_Date__c", "2026-11-26");
            assertThat(rule.evaluate(opp, TODAY).met()).isTrue();
            assertThat(rule.evaluate(opp, TODAY.plusDays(1)).met()).isFalse();
        }

        @Test
        void emptyIsUnmet() {
            assertThat(eval(rule, "Next_Step_Date__c", null)).isEqualTo(new Verdict(false, "Next_Step_Date__c=empty"));
        }
    }

    @Nested
    class NumberAtLeastRule {
        private final Rule rule = new Rule.NumberAtLeast("Seats__c", new BigDecimal("50"));

        @Test
        void bigDecimalAtTheMinimumIsMet() {
            assertThat(eval(rule, "Seats__c", new BigDecimal("50.00"))).isEqualTo(new Verdict(true, "Seats__c=50.00"));
        }

        @Test
        void bigDecimalJustBelowIsUnmet() {
            assertThat(eval(rule, "Seats__c", new BigDecimal("49.99"))).isEqualTo(new Verdict(false, "Seats__c=49.99"));
        }

        @Test
        void integersLongsAndDoublesAreRead() {
            assertThat(eval(rule, "Seats__c", 50).met()).isTrue();
            assertThat(eval(rule, "Seats__c", 49L).met()).isFalse();
            assertThat(eval(rule, "Seats__c", 50.5d).met()).isTrue();
        }

        @Test
        void numericStringsAreRead() {
            assertThat(eval(rule, "Seats__c", "75").met()).isTrue();
            assertThat(eval(rule, "Seats__c", " 50.0 ").met()).isTrue();
            assertThat(eval(rule, "Seats__c", "5e1").met()).isTrue();
            assertThat(eval(rule, "Seats__c", "-75").met()).isFalse();
        }

        @Test
        void garbageIsUnmetAndObserved() {
            assertThat(eval(rule, "Seats__c", "fifty")).isEqualTo(new Verdict(false, "Seats__c=fifty"));
            assertThat(eval(rule, "Seats__c", "1,000").met()).isFalse();
            assertThat(eval(rule, "Seats__c", "").met()).isFalse();
            assertThat(eval(rule, "Seats__c", Boolean.TRUE).met()).isFalse();
        }

        @Test
        void emptyIsUnmet() {
            assertThat(eval(rule, "Seats__c", null)).isEqualTo(new Verdict(false, "Seats__c=empty"));
        }

        @Test
        void nonFiniteDoubleIsUnmetNotAnException() {
            assertThat(eval(rule, "Seats__c", Double.NaN).met()).isFalse();
            assertThat(eval(rule, "Seats__c", Double.POSITIVE_INFINITY).met()).isFalse();
        }
    }

    @Nested
    class ValueInRule {
        private final Rule rule = new Rule.ValueIn("Deal_Type__c", Set.of("New Business", "Upsell"));

        @Test
        void listedValueIsMet() {
            assertThat(eval(rule, "Deal_Type__c", "Upsell")).isEqualTo(new Verdict(true, "Deal_Type__c=Upsell"));
        }

        @Test
        void comparisonIsExact() {
            assertThat(eval(rule, "Deal_Type__c", "upsell").met()).isFalse();
            assertThat(eval(rule, "Deal_Type__c", "Renewal")).isEqualTo(new Verdict(false, "Deal_Type__c=Renewal"));
        }

        @Test
        void emptyIsUnmet() {
            assertThat(eval(rule, "Deal_Type__c", null)).isEqualTo(new Verdict(false, "Deal_Type__c=empty"));
        }

        @Test
        void nonTextValuesCompareByTheirText() {
            Rule flags = new Rule.ValueIn("Tier__c", Set.of("1", "true"));
            assertThat(eval(flags, "Tier__c", 1).met()).isTrue();
            assertThat(eval(flags, "Tier__c", Boolean.TRUE).met()).isTrue();
        }

        @Test
        void emptySetIsRejected() {
            assertThatThrownBy(() -> new Rule.ValueIn("Deal_Type__c", Set.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RelatedCountAtLeastRule {
        private final Rule rule = new Rule.RelatedCountAtLeast("OpportunityContactRoles", 3);

        @Test
        void countAtMinimumIsMet() {
            assertThat(rule.evaluate(withCount("OpportunityContactRoles", 3), TODAY))
                    .isEqualTo(new Verdict(true, "count(OpportunityContactRoles)=3"));
        }

        @Test
        void countBelowMinimumIsUnmet() {
            assertThat(rule.evaluate(withCount("OpportunityContactRoles", 2), TODAY))
                    .isEqualTo(new Verdict(false, "count(OpportunityContactRoles)=2"));
        }

        @Test
        void missingCountIsUnmetAndObservedUnknown() {
            assertThat(rule.evaluate(withCount("OpportunityContactRoles", null), TODAY))
                    .isEqualTo(new Verdict(false, "count(OpportunityContactRoles)=unknown"));
        }

        @Test
        void declaresItsRelationNotFields() {
            assertThat(rule.relations()).containsExactly("OpportunityContactRoles");
            assertThat(rule.fields()).isEmpty();
        }
    }

    @Nested
    class Combinators {
        private final Rule demo = new Rule.DateInPast("Demo_Date__c");
        private final Rule nextStep = new Rule.DateTodayOrLater("Next_Step_Date__c");
        private final Rule roles = new Rule.RelatedCountAtLeast("OpportunityContactRoles", 1);

        private Opportunity opp(Object demoDate, Object nextStepDate) {
            Map<String, Object> fields = new HashMap<>();
            fields.put("Demo_Date__c", demoDate);
            fields.put("Next_Step_Date__c", nextStepDate);
            return new Opportunity("006X", null, "Prospecting", null, null, null, null, fields, Map.of(), null, null);
        }

        @Test
        void allOfIsMetWhenEveryPartIsMet() {
            Rule rule = new Rule.AllOf(List.of(demo, nextStep));
            assertThat(rule.evaluate(opp("2026-11-20", "2026-11-30"), TODAY))
                    .isEqualTo(new Verdict(true, "Demo_Date__c=2026-11-20, Next_Step_Date__c=2026-11-30"));
        }

        @Test
        void allOfIsUnmetWhenOnePartIsUnmetAndRecordsEveryPart() {
            Rule rule = new Rule.AllOf(List.of(demo, nextStep));
            assertThat(rule.evaluate(opp("2026-11-20", "2026-11-25"), TODAY))
                    .isEqualTo(new Verdict(false, "Demo_Date__c=2026-11-20, Next_Step_Date__c=2026-11-25"));
        }

        @Test
        void anyOfIsMetWhenOnePartIsMet() {
            Rule rule = new Rule.AnyOf(List.of(demo, nextStep));
            assertThat(rule.evaluate(opp(null, "2026-11-30"), TODAY))
                    .isEqualTo(new Verdict(true, "Demo_Date__c=empty, Next_Step_Date__c=2026-11-30"));
        }

        @Test
        void anyOfIsUnmetWhenNoPartIsMet() {
            Rule rule = new Rule.AnyOf(List.of(demo, nextStep));
            assertThat(rule.evaluate(opp(null, "2026-11-01"), TODAY))
                    .isEqualTo(new Verdict(false, "Demo_Date__c=empty, Next_Step_Date__c=2026-11-01"));
        }

        @Test
        void nestedCombinatorsCollectFieldsAndRelations() {
            Rule rule = new Rule.AllOf(List.of(demo, new Rule.AnyOf(List.of(nextStep, roles))));
            assertThat(rule.fields()).containsExactlyInAnyOrder("Demo_Date__c", "Next_Step_Date__c");
            assertThat(rule.relations()).containsExactly("OpportunityContactRoles");
        }

        @Test
        void emptyCombinatorsAreRejected() {
            assertThatThrownBy(() -> new Rule.AllOf(List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Rule.AnyOf(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ExpressionRule {
        @Test
        void delegatesToTheCompiledPredicateWithToday() {
            AtomicReference<LocalDate> seen = new AtomicReference<>();
            Rule rule = new Rule.Expression("double(Amount__c) >= 1000.0", Set.of("Amount__c"), Set.of(),
                    (opportunity, today) -> {
                        seen.set(today);
                        BigDecimal amount = Values.asNumber(opportunity.field("Amount__c"));
                        return Verdict.of(amount != null && amount.compareTo(new BigDecimal("1000")) >= 0,
                                Values.describe("Amount__c", opportunity.field("Amount__c")));
                    });
            assertThat(rule.evaluate(with("Amount__c", "1500"), TODAY)).isEqualTo(new Verdict(true, "Amount__c=1500"));
            assertThat(rule.evaluate(with("Amount__c", "999"), TODAY)).isEqualTo(new Verdict(false, "Amount__c=999"));
            assertThat(seen.get()).isEqualTo(TODAY);
        }

        @Test
        void declaresTheFieldsAndRelationsItWasGiven() {
            Rule rule = new Rule.Expression("true", Set.of("A__c", "B__c"), Set.of("OpportunityContactRoles"),
                    (opportunity, today) -> Verdict.of(true, "true"));
            assertThat(rule.fields()).containsExactlyInAnyOrder("A__c", "B__c");
            assertThat(rule.relations()).containsExactly("OpportunityContactRoles");
        }
    }

    @Nested
    class ObservedValues {
        @Test
        void observedValueIsCutAt120Characters() {
            String longText = "x".repeat(200);
            Verdict verdict = eval(new Rule.TextPresent("Notes__c", 1, Set.of()), "Notes__c", longText);
            assertThat(verdict.observed()).isEqualTo("Notes__c=" + "x".repeat(120) + "…");
        }

        @Test
        void instantValuesAreReadByDateRules() {
            Rule rule = new Rule.DateTodayOrLater("Next_Step_Date__c");
            assertThat(eval(rule, "Next_Step_Date__c", Instant.parse("2026-11-26T00:00:00Z")).met()).isTrue();
            assertThat(eval(rule, "Next_Step_Date__c", Instant.parse("2026-11-25T23:59:59Z")).met()).isFalse();
        }
    }
}

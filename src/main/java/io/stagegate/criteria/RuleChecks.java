package io.stagegate.criteria;

import java.time.LocalDate;
import java.util.List;

/**
 * The engine's hot paths through a rule tree. {@link #allOf} and {@link #anyOf} write what every part saw straight into
 * one builder, so a composite rule makes one string instead of one per part; {@link #met} tells whether a rule holds
 * without writing anything, for callers that keep only unmet verdicts (stage moves). Both give exactly what
 * {@link Rule#evaluate} gives.
 */
final class RuleChecks {
    /** Room for a typical part, such as {@code Next_Step_Date__c=2026-11-20, }. */
    private static final int PART_CAPACITY = 40;

    private RuleChecks() {
    }

    static StringBuilder observedBuilder(List<Rule> rules) {
        return new StringBuilder(PART_CAPACITY * rules.size());
    }

    /** Evaluates every part (no short cut), appends what each saw separated by ", ", and tells whether all hold. */
    static boolean allOf(List<Rule> rules, Opportunity opportunity, LocalDate today, StringBuilder observed) {
        int start = observed.length();
        boolean met = true;
        for (int i = 0; i < rules.size(); i++) {
            met &= appendPart(rules.get(i), opportunity, today, observed, start);
        }
        return met;
    }

    /** Evaluates every part (no short cut), appends what each saw separated by ", ", and tells whether one holds. */
    static boolean anyOf(List<Rule> rules, Opportunity opportunity, LocalDate today, StringBuilder observed) {
        int start = observed.length();
        boolean met = false;
        for (int i = 0; i < rules.size(); i++) {
            met |= appendPart(rules.get(i), opportunity, today, observed, start);
        }
        return met;
    }

    /** A separator goes before a part whenever the composite's own text (from {@code start}) is not empty yet. */
    private static boolean appendPart(Rule rule, Opportunity opportunity, LocalDate today, StringBuilder observed, int start) {
        if (observed.length() > start) {
            observed.append(", ");
        }
        return append(rule, opportunity, today, observed);
    }

    /** Evaluates {@code rule}, appends its verdict's observed text and tells whether it is met. */
    private static boolean append(Rule rule, Opportunity opportunity, LocalDate today, StringBuilder observed) {
        if (rule instanceof Rule.AllOf) {
            return allOf(((Rule.AllOf) rule).rules(), opportunity, today, observed);
        }
        if (rule instanceof Rule.AnyOf) {
            return anyOf(((Rule.AnyOf) rule).rules(), opportunity, today, observed);
        }
        if (rule instanceof Rule.CheckboxTrue) {
            Rule.CheckboxTrue checkbox = (Rule.CheckboxTrue) rule;
            Object value = opportunity.field(checkbox.field());
            Values.describe(observed, checkbox.field(), value);
            return checkbox.holds(value);
        }
        if (rule instanceof Rule.DateTodayOrLater) {
            Rule.DateTodayOrLater scheduled = (Rule.DateTodayOrLater) rule;
            Object value = opportunity.field(scheduled.field());
            Values.describe(observed, scheduled.field(), value);
            return scheduled.holds(value, today);
        }
        if (rule instanceof Rule.DateInPast) {
            Rule.DateInPast happened = (Rule.DateInPast) rule;
            Object value = opportunity.field(happened.field());
            Values.describe(observed, happened.field(), value);
            return happened.holds(value, today);
        }
        if (rule instanceof Rule.DatePresent) {
            Rule.DatePresent present = (Rule.DatePresent) rule;
            Object value = opportunity.field(present.field());
            Values.describe(observed, present.field(), value);
            return present.holds(value);
        }
        if (rule instanceof Rule.RelatedCountAtLeast) {
            Rule.RelatedCountAtLeast related = (Rule.RelatedCountAtLeast) rule;
            Integer count = opportunity.relatedCount(related.relation());
            observed.append("count(").append(related.relation()).append(")=").append(count == null ? "unknown" : count);
            return related.holds(count);
        }
        Verdict verdict = rule.evaluate(opportunity, today);
        observed.append(verdict.observed());
        return verdict.met();
    }

    /** Whether {@code rule} holds, or {@code null} when it contains an expression (those run only in a full evaluation). */
    static Boolean met(Rule rule, Opportunity opportunity, LocalDate today) {
        if (rule instanceof Rule.AllOf) {
            return metAll(((Rule.AllOf) rule).rules(), opportunity, today);
        }
        if (rule instanceof Rule.AnyOf) {
            return metAny(((Rule.AnyOf) rule).rules(), opportunity, today);
        }
        if (rule instanceof Rule.CheckboxTrue) {
            Rule.CheckboxTrue checkbox = (Rule.CheckboxTrue) rule;
            return checkbox.holds(opportunity.field(checkbox.field()));
        }
        if (rule instanceof Rule.DateTodayOrLater) {
            Rule.DateTodayOrLater scheduled = (Rule.DateTodayOrLater) rule;
            return scheduled.holds(opportunity.field(scheduled.field()), today);
        }
        if (rule instanceof Rule.DateInPast) {
            Rule.DateInPast happened = (Rule.DateInPast) rule;
            return happened.holds(opportunity.field(happened.field()), today);
        }
        if (rule instanceof Rule.DatePresent) {
            Rule.DatePresent present = (Rule.DatePresent) rule;
            return present.holds(opportunity.field(present.field()));
        }
        if (rule instanceof Rule.RelatedCountAtLeast) {
            Rule.RelatedCountAtLeast related = (Rule.RelatedCountAtLeast) rule;
            return related.holds(opportunity.relatedCount(related.relation()));
        }
        if (rule instanceof Rule.DateNotOlderThan) {
            Rule.DateNotOlderThan recent = (Rule.DateNotOlderThan) rule;
            return recent.holds(opportunity.field(recent.field()), today);
        }
        if (rule instanceof Rule.TextPresent) {
            Rule.TextPresent text = (Rule.TextPresent) rule;
            return text.holds(opportunity.field(text.field()));
        }
        if (rule instanceof Rule.NumberAtLeast) {
            Rule.NumberAtLeast number = (Rule.NumberAtLeast) rule;
            return number.holds(opportunity.field(number.field()));
        }
        if (rule instanceof Rule.ValueIn) {
            Rule.ValueIn value = (Rule.ValueIn) rule;
            return value.holds(opportunity.field(value.field()));
        }
        return null;
    }

    private static Boolean metAll(List<Rule> rules, Opportunity opportunity, LocalDate today) {
        boolean met = true;
        for (int i = 0; i < rules.size(); i++) {
            Boolean part = met(rules.get(i), opportunity, today);
            if (part == null) {
                return null;
            }
            met &= part;
        }
        return met;
    }

    private static Boolean metAny(List<Rule> rules, Opportunity opportunity, LocalDate today) {
        boolean met = false;
        for (int i = 0; i < rules.size(); i++) {
            Boolean part = met(rules.get(i), opportunity, today);
            if (part == null) {
                return null;
            }
            met |= part;
        }
        return met;
    }
}

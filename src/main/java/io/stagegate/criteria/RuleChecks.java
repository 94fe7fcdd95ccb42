package io.stagegate.criteria;

import java.time.LocalDate;
import java.util.List;

/**
 * The engine's hot paths through a rule tree. {@link #composite} writes what every part saw straight into one builder,
 * so a composite rule makes one string instead of one per part; {@link #met} tells whether a rule holds without
 * writing anything, for callers that keep only unmet verdicts (stage moves). Both give exactly what
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

    /** Evaluates every part (no short cut), appends what each saw separated by ", ", and tells whether it holds. */
    static boolean composite(Rule.Composite rule, Opportunity opportunity, LocalDate today, StringBuilder observed) {
        boolean all = rule instanceof Rule.AllOf;
        List<Rule> rules = rule.rules();
        int start = observed.length();
        boolean met = all;
        for (int i = 0; i < rules.size(); i++) {
            if (observed.length() > start) {
                observed.append(", ");
            }
            boolean part = append(rules.get(i), opportunity, today, observed);
            met = all ? met & part : met | part;
        }
        return met;
    }

    /** Evaluates {@code rule}, appends its verdict's observed text and tells whether it is met. */
    private static boolean append(Rule rule, Opportunity opportunity, LocalDate today, StringBuilder observed) {
        if (rule instanceof Rule.FieldRule single) {
            Object value = opportunity.field(single.field());
            Values.describe(observed, single.field(), value);
            return single.holds(value, today);
        }
        if (rule instanceof Rule.Composite composite) {
            return composite(composite, opportunity, today, observed);
        }
        if (rule instanceof Rule.RelatedCountAtLeast related) {
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
        if (rule instanceof Rule.FieldRule single) {
            return single.holds(opportunity.field(single.field()), today);
        }
        if (rule instanceof Rule.RelatedCountAtLeast related) {
            return related.holds(opportunity.relatedCount(related.relation()));
        }
        if (rule instanceof Rule.Composite composite) {
            return metComposite(composite, opportunity, today);
        }
        return null;
    }

    private static Boolean metComposite(Rule.Composite rule, Opportunity opportunity, LocalDate today) {
        boolean all = rule instanceof Rule.AllOf;
        List<Rule> rules = rule.rules();
        boolean met = all;
        for (int i = 0; i < rules.size(); i++) {
            Boolean part = met(rules.get(i), opportunity, today);
            if (part == null) {
                return null;
            }
            met = all ? met & part : met | part;
        }
        return met;
    }
}

package io.stagegate.criteria;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A test over mapped CRM fields that proves one exit criterion. Rules never throw on odd data: a value that cannot be
 * read as what the rule needs makes the rule unmet, and the verdict says what was seen.
 */
public sealed interface Rule {

    Verdict evaluate(Opportunity opportunity, LocalDate today);

    /** The CRM fields this rule reads (so connectors read only mapped fields). */
    Set<String> fields();

    /** The related-record relations this rule counts. */
    default Set<String> relations() {
        return Set.of();
    }

    /** A checkbox field is true. */
    record CheckboxTrue(String field) implements Rule {
        public CheckboxTrue {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value) {
            return Boolean.TRUE.equals(Values.asBoolean(value));
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A text field holds real content: at least {@code minLength} characters and not a placeholder such as "TBD". */
    record TextPresent(String field, int minLength, Set<String> placeholders) implements Rule {
        public static final Set<String> DEFAULT_PLACEHOLDERS =
                Set.of("n/a", "na", "n.a.", "tbd", "tbc", "-", "--", "?", "none", "unknown", "null", "x", ".");

        public TextPresent {
            Objects.requireNonNull(field, "field");
            if (minLength < 1) {
                throw new IllegalArgumentException("minLength must be at least 1, was " + minLength);
            }
            Set<String> normalized = new LinkedHashSet<>();
            for (String placeholder : placeholders) {
                normalized.add(placeholder.trim().toLowerCase(Locale.ROOT));
            }
            placeholders = Set.copyOf(normalized);
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value) {
            String text = value == null ? null : value.toString().trim();
            return text != null
                    && text.length() >= minLength
                    && !placeholders.contains(text.toLowerCase(Locale.ROOT));
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A date field holds a date. */
    record DatePresent(String field) implements Rule {
        public DatePresent {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value) {
            return Values.asDate(value) != null;
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A date field holds today or an earlier day: the event has happened. */
    record DateInPast(String field) implements Rule {
        public DateInPast {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value, today), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value, LocalDate today) {
            LocalDate date = Values.asDate(value);
            return date != null && !date.isAfter(today);
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A date field holds a day no more than {@code days} days before today (and not in the future). */
    record DateNotOlderThan(String field, int days) implements Rule {
        public DateNotOlderThan {
            Objects.requireNonNull(field, "field");
            if (days < 0) {
                throw new IllegalArgumentException("days must not be negative, was " + days);
            }
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value, today), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value, LocalDate today) {
            LocalDate date = Values.asDate(value);
            return date != null && !date.isAfter(today) && !date.isBefore(today.minusDays(days));
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A date field holds today or a later day: something is scheduled (for example the next step). */
    record DateTodayOrLater(String field) implements Rule {
        public DateTodayOrLater {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value, today), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value, LocalDate today) {
            LocalDate date = Values.asDate(value);
            return date != null && !date.isBefore(today);
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A number field holds at least {@code min}. */
    record NumberAtLeast(String field, BigDecimal min) implements Rule {
        public NumberAtLeast {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(min, "min");
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value) {
            BigDecimal number = Values.asNumber(value);
            return number != null && number.compareTo(min) >= 0;
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** A field (picklist, text) holds one of the given values, compared exactly as the CRM stores them. */
    record ValueIn(String field, Set<String> values) implements Rule {
        public ValueIn {
            Objects.requireNonNull(field, "field");
            values = Set.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("valueIn on '" + field + "' needs at least one value");
            }
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field);
            return Verdict.of(holds(value), Values.describe(field, value));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value) {
            return value != null && values.contains(Values.asText(value));
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /** At least {@code min} related records exist (contact roles, associated contacts): evidence, not a checkbox. */
    record RelatedCountAtLeast(String relation, int min) implements Rule {
        public RelatedCountAtLeast {
            Objects.requireNonNull(relation, "relation");
            if (min < 1) {
                throw new IllegalArgumentException("min must be at least 1, was " + min);
            }
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Integer count = opportunity.relatedCount(relation);
            return Verdict.of(holds(count), "count(" + relation + ")=" + (count == null ? "unknown" : count));
        }

        /** The test itself, without writing out what was seen. */
        boolean holds(Integer count) {
            return count != null && count >= min;
        }

        @Override
        public Set<String> fields() {
            return Set.of();
        }

        @Override
        public Set<String> relations() {
            return Set.of(relation);
        }
    }

    /** Every part holds. */
    record AllOf(List<Rule> rules) implements Rule {
        public AllOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("allOf needs at least one rule");
            }
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            StringBuilder observed = RuleChecks.observedBuilder(rules);
            boolean met = RuleChecks.allOf(rules, opportunity, today, observed);
            return Verdict.of(met, observed.toString());
        }

        @Override
        public Set<String> fields() {
            return Values.fieldsOf(rules);
        }

        @Override
        public Set<String> relations() {
            return Values.relationsOf(rules);
        }
    }

    /** At least one part holds. */
    record AnyOf(List<Rule> rules) implements Rule {
        public AnyOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("anyOf needs at least one rule");
            }
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            StringBuilder observed = RuleChecks.observedBuilder(rules);
            boolean met = RuleChecks.anyOf(rules, opportunity, today, observed);
            return Verdict.of(met, observed.toString());
        }

        @Override
        public Set<String> fields() {
            return Values.fieldsOf(rules);
        }

        @Override
        public Set<String> relations() {
            return Values.relationsOf(rules);
        }
    }

    /**
     * A power user's expression (CEL in the shipped playbook loader). The engine knows only the compiled predicate, so
     * it stays free of any expression library.
     */
    record Expression(String source, Set<String> fields, Set<String> relations, CompiledExpression compiled) implements Rule {
        public Expression {
            Objects.requireNonNull(source, "source");
            fields = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(fields));
            relations = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(relations));
            Objects.requireNonNull(compiled, "compiled");
        }

        @Override
        public Verdict evaluate(Opportunity opportunity, LocalDate today) {
            try {
                return compiled.evaluate(opportunity, today);
            } catch (RuntimeException e) {
                return Verdict.of(false, "error: " + e.getMessage());
            }
        }
    }

    /** The evaluation half of an expression rule, supplied by whoever compiled the expression. */
    @FunctionalInterface
    interface CompiledExpression {
        Verdict evaluate(Opportunity opportunity, LocalDate today);
    }
}

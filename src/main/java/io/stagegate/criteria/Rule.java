package io.stagegate.criteria;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A test over mapped CRM fields that proves one exit criterion. Rules never throw on odd data: a value that cannot be
 * read as what the rule needs makes the rule unmet, and the verdict says what was seen.
 *
 * <p>Rules come in four shapes: a {@link FieldRule} tests one field's value, {@link RelatedCountAtLeast} counts related
 * records, a {@link Composite} combines other rules, and an {@link Expression} is compiled outside the engine. Each
 * shape evaluates in one place; a record adds only its parameters and its test.
 */
public sealed interface Rule {

    Verdict evaluate(Opportunity opportunity, LocalDate today);

    /** The CRM fields this rule reads (so connectors read only mapped fields). */
    Set<String> fields();

    /** The related-record relations this rule counts. */
    default Set<String> relations() {
        return Set.of();
    }

    /** A rule on one field's value; the verdict shows that value. */
    sealed interface FieldRule extends Rule {
        String field();

        /** The test itself, without writing out what was seen. */
        boolean holds(Object value, LocalDate today);

        @Override
        default Verdict evaluate(Opportunity opportunity, LocalDate today) {
            Object value = opportunity.field(field());
            return Verdict.of(holds(value, today), Values.describe(field(), value));
        }

        @Override
        default Set<String> fields() {
            return Set.of(field());
        }
    }

    /**
     * Rules made of other rules. Every part is evaluated (no short cut) so the verdict shows what each part saw,
     * separated by ", ".
     */
    sealed interface Composite extends Rule {
        List<Rule> rules();

        @Override
        default Verdict evaluate(Opportunity opportunity, LocalDate today) {
            StringBuilder observed = RuleChecks.observedBuilder(rules());
            boolean met = RuleChecks.composite(this, opportunity, today, observed);
            return Verdict.of(met, observed.toString());
        }

        @Override
        default Set<String> fields() {
            return Values.fieldsOf(rules());
        }

        @Override
        default Set<String> relations() {
            return Values.relationsOf(rules());
        }
    }

    /** A checkbox field is true. */
    record CheckboxTrue(String field) implements FieldRule {
        public CheckboxTrue {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            return Boolean.TRUE.equals(Values.asBoolean(value));
        }
    }

    /** A text field holds real content: at least {@code minLength} characters and not a placeholder such as "TBD". */
    record TextPresent(String field, int minLength, Set<String> placeholders) implements FieldRule {
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
        public boolean holds(Object value, LocalDate today) {
            String text = value == null ? null : value.toString().trim();
            return text != null
                    && text.length() >= minLength
                    && !placeholders.contains(text.toLowerCase(Locale.ROOT));
        }
    }

    /** A date field holds a date. */
    record DatePresent(String field) implements FieldRule {
        public DatePresent {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            return Values.asDate(value) != null;
        }
    }

    /** A date field holds today or an earlier day: the event has happened. */
    record DateInPast(String field) implements FieldRule {
        public DateInPast {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            LocalDate date = Values.asDate(value);
            return date != null && !date.isAfter(today);
        }
    }

    /** A date field holds a day no more than {@code days} days before today (and not in the future). */
    record DateNotOlderThan(String field, int days) implements FieldRule {
        public DateNotOlderThan {
            Objects.requireNonNull(field, "field");
            if (days < 0) {
                throw new IllegalArgumentException("days must not be negative, was " + days);
            }
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            LocalDate date = Values.asDate(value);
            return date != null && !date.isAfter(today) && !date.isBefore(today.minusDays(days));
        }
    }

    /** A date field holds today or a later day: something is scheduled (for example the next step). */
    record DateTodayOrLater(String field) implements FieldRule {
        public DateTodayOrLater {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            LocalDate date = Values.asDate(value);
            return date != null && !date.isBefore(today);
        }
    }

    /** A number field holds at least {@code min}. */
    record NumberAtLeast(String field, BigDecimal min) implements FieldRule {
        public NumberAtLeast {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(min, "min");
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            BigDecimal number = Values.asNumber(value);
            return number != null && number.compareTo(min) >= 0;
        }
    }

    /** A field (picklist, text) holds one of the given values, compared exactly as the CRM stores them. */
    record ValueIn(String field, Set<String> values) implements FieldRule {
        public ValueIn {
            Objects.requireNonNull(field, "field");
            values = Set.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("valueIn on '" + field + "' needs at least one value");
            }
        }

        @Override
        public boolean holds(Object value, LocalDate today) {
            return value != null && values.contains(Values.asText(value));
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
    record AllOf(List<Rule> rules) implements Composite {
        public AllOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("allOf needs at least one rule");
            }
        }
    }

    /** At least one part holds. */
    record AnyOf(List<Rule> rules) implements Composite {
        public AnyOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("anyOf needs at least one rule");
            }
        }
    }

    /**
     * A power user's expression (CEL in the shipped playbook loader). The engine knows only the compiled predicate, so
     * it stays free of any expression library.
     */
    record Expression(String source, Set<String> fields, Set<String> relations, CompiledExpression compiled) implements Rule {
        public Expression {
            Objects.requireNonNull(source, "source");
            fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
            relations = Collections.unmodifiableSet(new LinkedHashSet<>(relations));
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

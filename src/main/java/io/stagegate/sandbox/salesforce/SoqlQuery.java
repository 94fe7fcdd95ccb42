package io.stagegate.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A parsed SOQL statement of the supported subset, before its names are checked against the schema.
 *
 * @param object the FROM name (for a subquery: the child relationship name)
 * @param count {@code SELECT COUNT()}
 * @param where {@code null} when absent
 */
record SoqlQuery(String soql, List<SelectItem> select, boolean count, String object, int objectPosition, Condition where,
        List<OrderItem> orderBy, Integer limit, Integer offset) {

    SoqlQuery {
        select = List.copyOf(select);
        orderBy = List.copyOf(orderBy);
    }

    /** A dotted field name such as {@code StageName} or {@code Owner.Name}. */
    record FieldPath(List<String> parts, int position) {
        FieldPath {
            parts = List.copyOf(parts);
        }

        String text() {
            return String.join(".", parts);
        }
    }

    sealed interface SelectItem permits FieldItem, SubqueryItem {
    }

    record FieldItem(FieldPath path) implements SelectItem {
    }

    /** {@code (SELECT ... FROM OpportunityContactRoles ...)} in the select list. */
    record SubqueryItem(SoqlQuery query, int position) implements SelectItem {
    }

    /** @param nullsFirst {@code null} for the default (first when ascending, last when descending) */
    record OrderItem(FieldPath path, boolean descending, Boolean nullsFirst) {
    }

    enum Operator {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    sealed interface Condition permits And, Or, Not, Comparison, In, Like {
    }

    record And(List<Condition> parts) implements Condition {
    }

    record Or(List<Condition> parts) implements Condition {
    }

    record Not(Condition part) implements Condition {
    }

    record Comparison(FieldPath field, Operator operator, Literal value) implements Condition {
    }

    record In(FieldPath field, boolean negated, List<Literal> values) implements Condition {
    }

    record Like(FieldPath field, Literal pattern) implements Condition {
    }

    sealed interface Literal permits StringLiteral, NumberLiteral, BooleanLiteral, NullLiteral, DateLiteral, DateTimeLiteral, RelativeDate {
        int position();

        /** The literal as written, for error messages. */
        String text();
    }

    /** @param raw the characters between the quotes, escapes not yet decoded */
    record StringLiteral(String raw, int position) implements Literal {
        public String text() {
            return "'" + raw + "'";
        }
    }

    record NumberLiteral(BigDecimal value, String text, int position) implements Literal {
    }

    record BooleanLiteral(boolean value, int position) implements Literal {
        public String text() {
            return Boolean.toString(value);
        }
    }

    record NullLiteral(int position) implements Literal {
        public String text() {
            return "null";
        }
    }

    record DateLiteral(LocalDate value, String text, int position) implements Literal {
    }

    record DateTimeLiteral(Instant value, String text, int position) implements Literal {
    }

    /** {@code TODAY}, {@code LAST_N_DAYS:30} and the like: a range of days relative to today. */
    record RelativeDate(String name, Integer n, String text, int position) implements Literal {
    }
}

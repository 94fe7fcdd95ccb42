package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.salesforce.SoqlQuery.Literal;
import java.time.LocalDate;

/**
 * Turns the literals of one query's filters into values of the field's kind (a range for relative dates, {@code null}
 * for NULL), with the errors Salesforce gives for a literal of the wrong type or a malformed string.
 */
final class SoqlLiterals {
    private final String soql;
    private final LocalDate today;

    /** @param today the day relative date literals count from (GMT) */
    SoqlLiterals(String soql, LocalDate today) {
        this.soql = soql;
        this.today = today;
    }

    /** The literal as a value of the field's kind (a Range for relative dates, null for NULL), or the error Salesforce gives. */
    Object value(FieldDef field, Literal literal) {
        if (literal instanceof SoqlQuery.NullLiteral) {
            return null;
        }
        switch (field.type().kind()) {
            case TEXT:
                if (literal instanceof SoqlQuery.StringLiteral string) {
                    return SoqlValues.text(decode(string, false));
                }
                throw mistyped(field, literal);
            case ID:
                if (literal instanceof SoqlQuery.StringLiteral string) {
                    String text = SoqlValues.text(decode(string, false));
                    String id = SalesforceIds.normalize(text);
                    if (id == null) {
                        throw SoqlException.at("INVALID_QUERY_FILTER_OPERATOR", soql, literal.position(), "invalid ID field: " + text);
                    }
                    return id;
                }
                throw mistyped(field, literal);
            case BOOLEAN:
                if (literal instanceof SoqlQuery.BooleanLiteral bool) {
                    return bool.value();
                }
                throw mistyped(field, literal);
            case NUMBER:
                if (literal instanceof SoqlQuery.NumberLiteral number) {
                    return number.value();
                }
                throw mistyped(field, literal);
            case DATE:
                if (literal instanceof SoqlQuery.DateLiteral date) {
                    return date.value();
                }
                if (literal instanceof SoqlQuery.RelativeDate relative) {
                    return SoqlValues.range(relative, today, false);
                }
                throw mistyped(field, literal);
            default:
                if (literal instanceof SoqlQuery.DateTimeLiteral dateTime) {
                    return dateTime.value();
                }
                if (literal instanceof SoqlQuery.RelativeDate relative) {
                    return SoqlValues.range(relative, today, true);
                }
                throw mistyped(field, literal);
        }
    }

    SoqlValues.PatternChar[] decode(SoqlQuery.StringLiteral literal, boolean like) {
        SoqlValues.PatternChar[] chars = SoqlValues.decode(literal.raw(), like);
        if (chars == null) {
            throw SoqlException.at("MALFORMED_QUERY", soql, literal.position(), "Invalid string literal '" + literal.raw()
                    + "'. Illegal character sequence in string literal.");
        }
        return chars;
    }

    SoqlException mistyped(FieldDef field, Literal literal) {
        String type = field.type().filterTypeName();
        boolean text = field.type().kind() == FieldType.Kind.TEXT || field.type().kind() == FieldType.Kind.ID;
        String quoting = text ? " and should be enclosed in quotes"
                : literal instanceof SoqlQuery.StringLiteral ? " and should not be enclosed in quotes" : "";
        return SoqlException.at("INVALID_QUERY_FILTER_OPERATOR", soql, literal.position(),
                "value of filter criterion for field '" + field.name() + "' must be of type " + type + quoting);
    }
}

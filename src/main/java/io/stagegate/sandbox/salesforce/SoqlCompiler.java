package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.salesforce.CompiledQuery.BoundPath;
import io.stagegate.sandbox.salesforce.CompiledQuery.Predicate;
import io.stagegate.sandbox.salesforce.SoqlQuery.Condition;
import io.stagegate.sandbox.salesforce.SoqlQuery.Literal;
import io.stagegate.sandbox.salesforce.SoqlQuery.Operator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a parsed query against the schema as Salesforce does (unknown objects, fields and relationships, filter values
 * of the wrong type, operators a type does not support) and compiles it into a {@link CompiledQuery}.
 */
final class SoqlCompiler {
    static final int MAX_OFFSET = 2000;

    private final SalesforceSchema schema;
    private final String soql;
    private final SoqlLiterals literals;

    private SoqlCompiler(SalesforceSchema schema, String soql, LocalDate today) {
        this.schema = schema;
        this.soql = soql;
        this.literals = new SoqlLiterals(soql, today);
    }

    /** @param today the day relative date literals count from (GMT) */
    static CompiledQuery compile(String soql, SalesforceSchema schema, LocalDate today) {
        SoqlQuery query = SoqlParser.parse(soql);
        SoqlCompiler compiler = new SoqlCompiler(schema, soql, today);
        ObjectSchema object = schema.object(query.object());
        if (object == null) {
            throw SoqlException.at("INVALID_TYPE", soql, query.objectPosition(), "sObject type '" + query.object() + "' is not supported. If you are "
                    + "attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                    + "describe call for the appropriate names.");
        }
        return compiler.compile(query, object, null);
    }

    private CompiledQuery compile(SoqlQuery query, ObjectSchema object, ObjectSchema.ChildRelationship relationship) {
        List<CompiledQuery.Selected> select = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SoqlQuery.SelectItem item : query.select()) {
            if (item instanceof SoqlQuery.FieldItem field) {
                BoundPath path = bind(object, field.path());
                if (!seen.add(path.text().toLowerCase(Locale.ROOT))) {
                    throw SoqlException.at("MALFORMED_QUERY", soql, field.path().position(), "duplicate field selected: " + field.path().text());
                }
                select.add(new CompiledQuery.Selected(path, null));
            } else {
                SoqlQuery.SubqueryItem sub = (SoqlQuery.SubqueryItem) item;
                ObjectSchema.ChildRelationship child = object.child(sub.query().object());
                if (child == null) {
                    throw SoqlException.at("INVALID_TYPE", soql, sub.query().objectPosition(), "Didn't understand relationship '" + sub.query().object()
                            + "' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after "
                            + "the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
                }
                if (!seen.add(child.name().toLowerCase(Locale.ROOT))) {
                    throw SoqlException.at("MALFORMED_QUERY", soql, sub.position(), "duplicate field selected: " + child.name());
                }
                if (sub.query().offset() != null) {
                    throw SoqlException.at("MALFORMED_QUERY", soql, sub.position(), "unexpected token: 'OFFSET'");
                }
                select.add(new CompiledQuery.Selected(null, compile(sub.query(), schema.require(child.childObject()), child)));
            }
        }
        Predicate where = query.where() == null ? null : condition(object, query.where());
        List<CompiledQuery.Order> orderBy = new ArrayList<>();
        for (SoqlQuery.OrderItem item : query.orderBy()) {
            BoundPath path = bind(object, item.path());
            if (!path.field().sortable()) {
                throw SoqlException.at("INVALID_FIELD", soql, item.path().position(),
                        "field '" + path.field().name() + "' can not be sorted in a query call");
            }
            boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst() : !item.descending();
            orderBy.add(new CompiledQuery.Order(path, item.descending(), nullsFirst));
        }
        if (query.offset() != null && query.offset() > MAX_OFFSET) {
            throw SoqlException.plain("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
        }
        return new CompiledQuery(object, relationship, query.count(), select, where, orderBy, query.limit(), query.offset());
    }

    private BoundPath bind(ObjectSchema object, SoqlQuery.FieldPath path) {
        List<FieldDef> hops = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ObjectSchema current = object;
        List<String> parts = path.parts();
        for (int i = 0; i < parts.size() - 1; i++) {
            FieldDef reference = current.relationship(parts.get(i));
            if (reference == null) {
                throw SoqlException.at("INVALID_FIELD", soql, path.position(), "Didn't understand relationship '" + parts.get(i) + "' in field path. If "
                        + "you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please "
                        + "reference your WSDL or the describe call for the appropriate names.");
            }
            ObjectSchema target = schema.object(reference.referenceTo());
            if (target == null) {
                throw SoqlException.at("MALFORMED_QUERY", soql, path.position(), "relationship '" + reference.relationshipName()
                        + "' leads to " + reference.referenceTo() + ", which the sandbox does not simulate");
            }
            hops.add(reference);
            names.add(reference.relationshipName());
            current = target;
        }
        String name = parts.get(parts.size() - 1);
        FieldDef field = current.field(name);
        if (field == null) {
            throw SoqlException.at("INVALID_FIELD", soql, path.position(), "No such column '" + name + "' on entity '" + current.name() + "'. If you are "
                    + "attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the "
                    + "describe call for the appropriate names.");
        }
        return new BoundPath(hops, names, field);
    }

    private Predicate condition(ObjectSchema object, Condition condition) {
        if (condition instanceof SoqlQuery.And and) {
            List<Predicate> parts = conditions(object, and.parts());
            return (row, view) -> {
                for (Predicate part : parts) {
                    if (!part.test(row, view)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (condition instanceof SoqlQuery.Or or) {
            List<Predicate> parts = conditions(object, or.parts());
            return (row, view) -> {
                for (Predicate part : parts) {
                    if (part.test(row, view)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (condition instanceof SoqlQuery.Not not) {
            Predicate part = condition(object, not.part());
            return (row, view) -> !part.test(row, view);
        }
        if (condition instanceof SoqlQuery.Comparison comparison) {
            return comparison(object, comparison);
        }
        if (condition instanceof SoqlQuery.In in) {
            return in(object, in);
        }
        return like(object, (SoqlQuery.Like) condition);
    }

    private List<Predicate> conditions(ObjectSchema object, List<Condition> conditions) {
        List<Predicate> predicates = new ArrayList<>();
        conditions.forEach(part -> predicates.add(condition(object, part)));
        return predicates;
    }

    private Predicate comparison(ObjectSchema object, SoqlQuery.Comparison comparison) {
        BoundPath path = filterable(object, comparison.field());
        FieldType.Kind kind = path.field().type().kind();
        Operator operator = comparison.operator();
        if (operator != Operator.EQ && operator != Operator.NE && (kind == FieldType.Kind.BOOLEAN || path.field().type() == FieldType.PICKLIST)) {
            throw invalidOperator(comparison.field(), path.field());
        }
        Object value = literals.value(path.field(), comparison.value());
        if (value == null) {
            if (operator != Operator.EQ && operator != Operator.NE) {
                throw SoqlException.at("MALFORMED_QUERY", soql, comparison.value().position(), "unexpected token: 'null'");
            }
            boolean equal = operator == Operator.EQ;
            return (row, view) -> (path.value(row, view) == null) == equal;
        }
        if (value instanceof SoqlValues.Range range) {
            return (row, view) -> {
                Object actual = path.value(row, view);
                if (operator == Operator.NE) {
                    return actual == null || !within(actual, range);
                }
                if (actual == null) {
                    return false;
                }
                switch (operator) {
                    case EQ:
                        return within(actual, range);
                    case LT:
                        return range.from().compareTo(actual) > 0;
                    case LE:
                        return range.to().compareTo(actual) > 0;
                    case GT:
                        return range.to().compareTo(actual) <= 0;
                    default:
                        return range.from().compareTo(actual) <= 0;
                }
            };
        }
        return (row, view) -> {
            Object actual = path.value(row, view);
            if (operator == Operator.NE) {
                return actual == null || SoqlValues.compare(kind, actual, value) != 0;
            }
            if (actual == null) {
                return false;
            }
            int compared = SoqlValues.compare(kind, actual, value);
            switch (operator) {
                case EQ:
                    return compared == 0;
                case LT:
                    return compared < 0;
                case LE:
                    return compared <= 0;
                case GT:
                    return compared > 0;
                default:
                    return compared >= 0;
            }
        };
    }

    private static boolean within(Object actual, SoqlValues.Range range) {
        return range.from().compareTo(actual) <= 0 && range.to().compareTo(actual) > 0;
    }

    private Predicate in(ObjectSchema object, SoqlQuery.In in) {
        BoundPath path = filterable(object, in.field());
        FieldType.Kind kind = path.field().type().kind();
        if (kind == FieldType.Kind.BOOLEAN) {
            throw invalidOperator(in.field(), path.field());
        }
        List<Object> values = new ArrayList<>();
        for (Literal literal : in.values()) {
            values.add(literals.value(path.field(), literal));
        }
        boolean negated = in.negated();
        return (row, view) -> {
            Object actual = path.value(row, view);
            boolean found = false;
            for (Object value : values) {
                if (matches(kind, actual, value)) {
                    found = true;
                    break;
                }
            }
            return found != negated;
        };
    }

    /** Whether a field value equals one IN-list value: NULL matches an empty field, a relative date its range. */
    private static boolean matches(FieldType.Kind kind, Object actual, Object value) {
        if (value == null || actual == null) {
            return value == actual;
        }
        if (value instanceof SoqlValues.Range range) {
            return within(actual, range);
        }
        return SoqlValues.compare(kind, actual, value) == 0;
    }

    private Predicate like(ObjectSchema object, SoqlQuery.Like like) {
        BoundPath path = filterable(object, like.field());
        if (path.field().type().kind() != FieldType.Kind.TEXT) {
            throw invalidOperator(like.field(), path.field());
        }
        if (!(like.pattern() instanceof SoqlQuery.StringLiteral)) {
            throw literals.mistyped(path.field(), like.pattern());
        }
        SoqlValues.PatternChar[] pattern = literals.decode((SoqlQuery.StringLiteral) like.pattern(), true);
        return (row, view) -> {
            Object actual = path.value(row, view);
            return actual != null && SoqlValues.like((String) actual, pattern);
        };
    }

    private BoundPath filterable(ObjectSchema object, SoqlQuery.FieldPath path) {
        BoundPath bound = bind(object, path);
        if (!bound.field().filterable()) {
            throw SoqlException.at("INVALID_FIELD", soql, path.position(), "field '" + bound.field().name() + "' can not be filtered in a query call");
        }
        return bound;
    }

    private SoqlException invalidOperator(SoqlQuery.FieldPath path, FieldDef field) {
        String type = field.type() == FieldType.PICKLIST ? "picklist" : field.type().kind() == FieldType.Kind.ID ? "id"
                : field.type().filterTypeName();
        return SoqlException.at("INVALID_QUERY_FILTER_OPERATOR", soql, path.position(), "invalid operator on " + type + " field");
    }
}

package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.salesforce.SoqlQuery.Condition;
import io.stagegate.sandbox.salesforce.SoqlQuery.FieldPath;
import io.stagegate.sandbox.salesforce.SoqlQuery.Literal;
import io.stagegate.sandbox.salesforce.SoqlToken.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of the SOQL subset the sandbox answers:
 * <pre>
 * query     := SELECT items FROM name [WHERE condition] [ORDER BY order (, order)*] [LIMIT int] [OFFSET int]
 * items     := COUNT ( ) | item (, item)*        item := path | ( query )        path := name (. name)*
 * condition := unary (AND unary)* | unary (OR unary)*      (mixing AND and OR needs parentheses, as in SOQL)
 * unary     := NOT unary | ( condition ) | path op literal | path [NOT] IN ( literal (, literal)* ) | path LIKE string
 * literal   := 'string' | [-]number | true | false | null | date | datetime | TODAY | LAST_N_DAYS:n | ...
 * order     := path [ASC | DESC] [NULLS FIRST | NULLS LAST]
 * </pre>
 * Everything else (aggregates, GROUP BY, semi-joins, functions, bind variables, aliases, ...) is refused with
 * {@code MALFORMED_QUERY} naming the token where the subset ends.
 */
final class SoqlParser {
    /** Words that end a clause, so they can never be read as a field name or an alias. */
    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC",
            "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "GROUP", "HAVING", "WITH", "FOR", "USING", "TYPEOF", "INCLUDES",
            "EXCLUDES", "TRUE", "FALSE", "NULL");
    static final Set<String> RELATIVE_DATES = Set.of("YESTERDAY", "TODAY", "TOMORROW", "LAST_WEEK", "THIS_WEEK", "NEXT_WEEK", "LAST_MONTH",
            "THIS_MONTH", "NEXT_MONTH", "LAST_90_DAYS", "NEXT_90_DAYS", "THIS_QUARTER", "LAST_QUARTER", "NEXT_QUARTER", "THIS_YEAR", "LAST_YEAR",
            "NEXT_YEAR");
    static final Set<String> RELATIVE_DATES_N = Set.of("LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO");
    static final int MAX_LENGTH = 100_000;

    private final String soql;
    private final List<SoqlToken> tokens;
    private int at;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = SoqlLexer.tokenize(soql);
    }

    static SoqlQuery parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw SoqlException.plain("MALFORMED_QUERY", "A query string has to be specified");
        }
        if (soql.length() > MAX_LENGTH) {
            throw SoqlException.plain("MALFORMED_QUERY", "SOQL statements cannot be longer than 100,000 characters.");
        }
        SoqlParser parser = new SoqlParser(soql);
        SoqlQuery query = parser.query(false);
        parser.expect(Type.EOF);
        return query;
    }

    private SoqlQuery query(boolean subquery) {
        expectKeyword("SELECT");
        boolean count = false;
        List<SoqlQuery.SelectItem> select = new ArrayList<>();
        if (peek().isKeyword("COUNT") && peek(1).is(Type.LPAREN) && peek(2).is(Type.RPAREN) && !subquery) {
            at += 3;
            count = true;
        } else {
            do {
                select.add(selectItem(subquery));
            } while (accept(Type.COMMA));
        }
        expectKeyword("FROM");
        SoqlToken object = name();
        Condition where = null;
        if (acceptKeyword("WHERE")) {
            where = condition();
        }
        List<SoqlQuery.OrderItem> orderBy = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                orderBy.add(orderItem());
            } while (accept(Type.COMMA));
        }
        Integer limit = acceptKeyword("LIMIT") ? integer() : null;
        Integer offset = acceptKeyword("OFFSET") ? integer() : null;
        return new SoqlQuery(soql, select, count, object.text(), object.position(), where, orderBy, limit, offset);
    }

    private SoqlQuery.SelectItem selectItem(boolean subquery) {
        if (peek().is(Type.LPAREN) && !subquery) {
            int position = next().position();
            SoqlQuery inner = query(true);
            expect(Type.RPAREN);
            return new SoqlQuery.SubqueryItem(inner, position);
        }
        FieldPath path = path();
        if (peek().is(Type.LPAREN)) {
            throw unexpected(tokens.get(at - 1));
        }
        return new SoqlQuery.FieldItem(path);
    }

    private SoqlQuery.OrderItem orderItem() {
        FieldPath path = path();
        boolean descending = false;
        if (acceptKeyword("DESC")) {
            descending = true;
        } else {
            acceptKeyword("ASC");
        }
        Boolean nullsFirst = null;
        if (acceptKeyword("NULLS")) {
            if (acceptKeyword("FIRST")) {
                nullsFirst = true;
            } else {
                expectKeyword("LAST");
                nullsFirst = false;
            }
        }
        return new SoqlQuery.OrderItem(path, descending, nullsFirst);
    }

    private Condition condition() {
        Condition first = unary();
        if (peek().isKeyword("AND") || peek().isKeyword("OR")) {
            String joiner = peek().text().toUpperCase(java.util.Locale.ROOT);
            List<Condition> parts = new ArrayList<>();
            parts.add(first);
            while (acceptKeyword(joiner)) {
                parts.add(unary());
            }
            if (peek().isKeyword("AND") || peek().isKeyword("OR")) {
                throw unexpected(peek());
            }
            return joiner.equals("AND") ? new SoqlQuery.And(parts) : new SoqlQuery.Or(parts);
        }
        return first;
    }

    private Condition unary() {
        if (acceptKeyword("NOT")) {
            return new SoqlQuery.Not(unary());
        }
        if (accept(Type.LPAREN)) {
            Condition inner = condition();
            expect(Type.RPAREN);
            return inner;
        }
        FieldPath field = path();
        SoqlToken token = peek();
        SoqlQuery.Operator operator = operator(token);
        if (operator != null) {
            next();
            return new SoqlQuery.Comparison(field, operator, literal());
        }
        if (acceptKeyword("LIKE")) {
            return new SoqlQuery.Like(field, literal());
        }
        boolean negated = acceptKeyword("NOT");
        if (acceptKeyword("IN")) {
            expect(Type.LPAREN);
            List<Literal> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (accept(Type.COMMA));
            expect(Type.RPAREN);
            return new SoqlQuery.In(field, negated, values);
        }
        throw unexpected(peek());
    }

    private static SoqlQuery.Operator operator(SoqlToken token) {
        switch (token.type()) {
            case EQ:
                return SoqlQuery.Operator.EQ;
            case NE:
                return SoqlQuery.Operator.NE;
            case LT:
                return SoqlQuery.Operator.LT;
            case LE:
                return SoqlQuery.Operator.LE;
            case GT:
                return SoqlQuery.Operator.GT;
            case GE:
                return SoqlQuery.Operator.GE;
            default:
                return null;
        }
    }

    private Literal literal() {
        SoqlToken token = next();
        switch (token.type()) {
            case STRING:
                return new SoqlQuery.StringLiteral(token.text(), token.position());
            case NUMBER:
                return number(token, false);
            case MINUS:
                if (peek().is(Type.NUMBER)) {
                    return number(next(), true);
                }
                throw unexpected(peek());
            case DATE:
                try {
                    return new SoqlQuery.DateLiteral(LocalDate.parse(token.text()), token.text(), token.position());
                } catch (DateTimeParseException e) {
                    throw SoqlException.at("MALFORMED_QUERY", soql, token.position(), "invalid date: " + token.text());
                }
            case DATETIME:
                java.time.Instant instant = FieldValues.parseDateTime(token.text());
                if (instant == null) {
                    throw SoqlException.at("MALFORMED_QUERY", soql, token.position(), "invalid date: " + token.text());
                }
                return new SoqlQuery.DateTimeLiteral(instant, token.text(), token.position());
            case IDENTIFIER:
                return wordLiteral(token);
            default:
                throw unexpected(token);
        }
    }

    private Literal wordLiteral(SoqlToken token) {
        String word = token.text().toUpperCase(java.util.Locale.ROOT);
        if (word.equals("TRUE") || word.equals("FALSE")) {
            return new SoqlQuery.BooleanLiteral(word.equals("TRUE"), token.position());
        }
        if (word.equals("NULL")) {
            return new SoqlQuery.NullLiteral(token.position());
        }
        if (RELATIVE_DATES.contains(word)) {
            return new SoqlQuery.RelativeDate(word, null, token.text(), token.position());
        }
        if (RELATIVE_DATES_N.contains(word)) {
            expect(Type.COLON);
            SoqlToken n = next();
            if (!n.is(Type.NUMBER) || !n.text().chars().allMatch(Character::isDigit)) {
                throw unexpected(n);
            }
            return new SoqlQuery.RelativeDate(word, Integer.parseInt(n.text()), token.text() + ":" + n.text(), token.position());
        }
        throw unexpected(token);
    }

    private Literal number(SoqlToken token, boolean negative) {
        BigDecimal value = new BigDecimal(token.text());
        return new SoqlQuery.NumberLiteral(negative ? value.negate() : value, (negative ? "-" : "") + token.text(), token.position());
    }

    private int integer() {
        SoqlToken token = next();
        if (!token.is(Type.NUMBER) || !token.text().chars().allMatch(Character::isDigit) || token.text().length() > 9) {
            throw unexpected(token);
        }
        return Integer.parseInt(token.text());
    }

    private FieldPath path() {
        SoqlToken first = name();
        List<String> parts = new ArrayList<>();
        parts.add(first.text());
        while (accept(Type.DOT)) {
            parts.add(name().text());
        }
        return new FieldPath(parts, first.position());
    }

    /** A field, object or relationship name: an identifier that is no reserved word. */
    private SoqlToken name() {
        SoqlToken token = next();
        if (!token.is(Type.IDENTIFIER) || RESERVED.contains(token.text().toUpperCase(java.util.Locale.ROOT))) {
            throw unexpected(token);
        }
        return token;
    }

    private SoqlToken peek() {
        return tokens.get(at);
    }

    private SoqlToken peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private SoqlToken next() {
        SoqlToken token = tokens.get(at);
        if (!token.is(Type.EOF)) {
            at++;
        }
        return token;
    }

    private boolean accept(Type type) {
        if (peek().is(type)) {
            at++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(Type type) {
        if (!accept(type)) {
            throw unexpected(peek());
        }
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected(peek());
        }
    }

    private SoqlException unexpected(SoqlToken token) {
        return SoqlException.at("MALFORMED_QUERY", soql, token.position(), "unexpected token: " + quote(token));
    }

    private static String quote(SoqlToken token) {
        return token.is(Type.EOF) ? "'<EOF>'" : token.is(Type.STRING) ? token.quoted() : "'" + token.text() + "'";
    }
}

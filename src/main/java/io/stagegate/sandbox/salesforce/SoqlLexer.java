package io.stagegate.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SOQL statement into tokens. Unquoted date ({@code 2024-05-07}) and datetime
 * ({@code 2024-05-07T22:07:19Z}, {@code ...+01:00}, {@code ...-08:00}, {@code ...19.000Z}) literals are single tokens;
 * string literals keep their escapes for the parser to decode, since LIKE reads {@code \%} and {@code \_} differently.
 */
final class SoqlLexer {
    private final String soql;
    private int at;

    private SoqlLexer(String soql) {
        this.soql = soql;
    }

    static List<SoqlToken> tokenize(String soql) {
        return new SoqlLexer(soql).run();
    }

    private List<SoqlToken> run() {
        List<SoqlToken> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (at >= soql.length()) {
                tokens.add(new SoqlToken(SoqlToken.Type.EOF, "", at));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private SoqlToken next() {
        int start = at;
        char c = soql.charAt(at);
        if (Character.isLetter(c) || c == '_') {
            while (at < soql.length() && (Character.isLetterOrDigit(soql.charAt(at)) || soql.charAt(at) == '_')) {
                at++;
            }
            return new SoqlToken(SoqlToken.Type.IDENTIFIER, soql.substring(start, at), start);
        }
        if (Character.isDigit(c)) {
            return numberOrDate(start);
        }
        if (c == '\'') {
            return string(start);
        }
        at++;
        switch (c) {
            case ',':
                return token(SoqlToken.Type.COMMA, start);
            case '.':
                if (at < soql.length() && Character.isDigit(soql.charAt(at))) {
                    at = start;
                    return numberOrDate(start);
                }
                return token(SoqlToken.Type.DOT, start);
            case '(':
                return token(SoqlToken.Type.LPAREN, start);
            case ')':
                return token(SoqlToken.Type.RPAREN, start);
            case ':':
                return token(SoqlToken.Type.COLON, start);
            case '-':
                return token(SoqlToken.Type.MINUS, start);
            case '=':
                return token(SoqlToken.Type.EQ, start);
            case '!':
                if (peek('=')) {
                    at++;
                    return token(SoqlToken.Type.NE, start);
                }
                return token(SoqlToken.Type.OTHER, start);
            case '<':
                if (peek('=')) {
                    at++;
                    return token(SoqlToken.Type.LE, start);
                }
                if (peek('>')) {
                    at++;
                    return token(SoqlToken.Type.NE, start);
                }
                return token(SoqlToken.Type.LT, start);
            case '>':
                if (peek('=')) {
                    at++;
                    return token(SoqlToken.Type.GE, start);
                }
                return token(SoqlToken.Type.GT, start);
            default:
                return token(SoqlToken.Type.OTHER, start);
        }
    }

    private SoqlToken token(SoqlToken.Type type, int start) {
        return new SoqlToken(type, soql.substring(start, at), start);
    }

    private boolean peek(char expected) {
        return at < soql.length() && soql.charAt(at) == expected;
    }

    /** Digits: a number, or when shaped {@code dddd-dd-dd} a date, and with {@code T...} a datetime. */
    private SoqlToken numberOrDate(int start) {
        if (matchesDate(start)) {
            at = start + 10;
            if (at < soql.length() && (soql.charAt(at) == 'T' || soql.charAt(at) == 't')) {
                return dateTime(start);
            }
            if (at < soql.length() && (Character.isLetterOrDigit(soql.charAt(at)) || soql.charAt(at) == '_')) {
                throw malformed(start);
            }
            return token(SoqlToken.Type.DATE, start);
        }
        digits();
        if (peek('.')) {
            at++;
            digits();
        }
        if (at < soql.length() && (soql.charAt(at) == 'e' || soql.charAt(at) == 'E')) {
            int mark = at;
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (at < soql.length() && Character.isDigit(soql.charAt(at))) {
                digits();
            } else {
                at = mark;
            }
        }
        if (at < soql.length() && (Character.isLetter(soql.charAt(at)) || soql.charAt(at) == '_')) {
            while (at < soql.length() && (Character.isLetterOrDigit(soql.charAt(at)) || soql.charAt(at) == '_')) {
                at++;
            }
            throw malformed(start);
        }
        return token(SoqlToken.Type.NUMBER, start);
    }

    private boolean matchesDate(int start) {
        if (start + 10 > soql.length()) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = soql.charAt(start + i);
            boolean dash = i == 4 || i == 7;
            if (dash ? c != '-' : !Character.isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.SSS](Z|+hh:mm|-hh:mm)}; anything else at this point is malformed. */
    private SoqlToken dateTime(int start) {
        at = start + 11;
        if (!expectDigits(2) || !expect(':') || !expectDigits(2) || !expect(':') || !expectDigits(2)) {
            throw malformed(start);
        }
        if (peek('.')) {
            at++;
            int digitsStart = at;
            digits();
            if (at == digitsStart) {
                throw malformed(start);
            }
        }
        if (peek('Z') || peek('z')) {
            at++;
        } else if (peek('+') || peek('-')) {
            at++;
            if (!expectDigits(2) || !expect(':') || !expectDigits(2)) {
                throw malformed(start);
            }
        } else {
            throw malformed(start);
        }
        if (at < soql.length() && (Character.isLetterOrDigit(soql.charAt(at)) || soql.charAt(at) == '_')) {
            throw malformed(start);
        }
        return token(SoqlToken.Type.DATETIME, start);
    }

    private boolean expectDigits(int count) {
        for (int i = 0; i < count; i++) {
            if (at >= soql.length() || !Character.isDigit(soql.charAt(at))) {
                return false;
            }
            at++;
        }
        return true;
    }

    private boolean expect(char c) {
        if (peek(c)) {
            at++;
            return true;
        }
        return false;
    }

    private void digits() {
        while (at < soql.length() && Character.isDigit(soql.charAt(at))) {
            at++;
        }
    }

    /** A string literal; the token text is what lies between the quotes, escapes still in. */
    private SoqlToken string(int start) {
        at++;
        StringBuilder raw = new StringBuilder();
        while (at < soql.length()) {
            char c = soql.charAt(at);
            if (c == '\\') {
                if (at + 1 >= soql.length()) {
                    break;
                }
                raw.append(c).append(soql.charAt(at + 1));
                at += 2;
                continue;
            }
            if (c == '\'') {
                at++;
                return new SoqlToken(SoqlToken.Type.STRING, raw.toString(), start);
            }
            raw.append(c);
            at++;
        }
        throw SoqlException.at("MALFORMED_QUERY", soql, soql.length(), "line 1:" + soql.length() + " mismatched character '<EOF>' expecting '''");
    }

    private SoqlException malformed(int start) {
        int end = at;
        while (end < soql.length() && !Character.isWhitespace(soql.charAt(end)) && soql.charAt(end) != ')' && soql.charAt(end) != ',') {
            end++;
        }
        return SoqlException.at("MALFORMED_QUERY", soql, start, "unexpected token: '" + soql.substring(start, end) + "'");
    }

    private void skipWhitespace() {
        while (at < soql.length() && Character.isWhitespace(soql.charAt(at))) {
            at++;
        }
    }
}

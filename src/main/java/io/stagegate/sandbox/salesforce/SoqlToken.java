package io.stagegate.sandbox.salesforce;

/**
 * A token of a SOQL statement.
 *
 * @param text the token as written (for a string literal: between the quotes, escapes undecoded)
 * @param position offset of its first character in the statement
 */
record SoqlToken(Type type, String text, int position) {
    enum Type {
        IDENTIFIER, STRING, NUMBER, DATE, DATETIME,
        COMMA, DOT, LPAREN, RPAREN, COLON,
        EQ, NE, LT, LE, GT, GE, MINUS, OTHER, EOF
    }

    boolean is(Type expected) {
        return type == expected;
    }

    /** An identifier spelled {@code keyword} in any case. */
    boolean isKeyword(String keyword) {
        return type == Type.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** How an error message quotes this token. */
    String quoted() {
        if (type == Type.EOF) {
            return "<EOF>";
        }
        return type == Type.STRING ? "'" + text + "'" : text;
    }
}

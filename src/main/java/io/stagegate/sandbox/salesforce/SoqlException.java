package io.stagegate.sandbox.salesforce;

/**
 * A query Salesforce would refuse (or the sandbox cannot answer), with Salesforce's error code and the message it
 * gives: the query line, a caret under the offending position, {@code ERROR at Row:r:Column:c} and the reason.
 */
final class SoqlException extends RuntimeException {
    private final String errorCode;

    private SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** An error at character {@code position} (0-based) of {@code soql}. */
    static SoqlException at(String errorCode, String soql, int position, String reason) {
        return new SoqlException(errorCode, locate(soql, position) + reason);
    }

    /** An error with no position in the query text. */
    static SoqlException plain(String errorCode, String reason) {
        return new SoqlException(errorCode, reason);
    }

    String errorCode() {
        return errorCode;
    }

    private static String locate(String soql, int position) {
        int at = Math.max(0, Math.min(position, soql.length()));
        int row = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (soql.charAt(i) == '\n') {
                row++;
                lineStart = i + 1;
            }
        }
        int lineEnd = soql.indexOf('\n', at);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int column = at - lineStart;
        int from = Math.max(0, column - 80);
        String shown = line.substring(from, Math.min(line.length(), column + 80));
        return "\n" + shown + "\n" + " ".repeat(column - from) + "^\nERROR at Row:" + row + ":Column:" + (column + 1) + "\n";
    }
}

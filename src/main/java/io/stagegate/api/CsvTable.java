package io.stagegate.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a list as CSV (RFC 4180: comma, CRLF, quotes doubled) for a spreadsheet. A text cell that a spreadsheet would
 * run as a formula (starting with {@code = + - @}, a tab or a carriage return: an owner named {@code =HYPERLINK(...)}) is
 * prefixed with an apostrophe, as OWASP advises against CSV injection; numbers are written plain, so a negative gap
 * stays a number.
 */
final class CsvTable<T> {
    /** One column: its header and how to read its cell from an item (null for an empty cell). */
    record Column<T>(String header, Function<T, Object> cell) {
    }

    private final List<Column<T>> columns;

    CsvTable(List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
    }

    String write(List<T> items) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(text(columns.get(i).header()));
        }
        csv.append("\r\n");
        for (T item : items) {
            for (int i = 0; i < columns.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(cell(columns.get(i).cell().apply(item)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return text(value.toString());
    }

    private static String text(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}

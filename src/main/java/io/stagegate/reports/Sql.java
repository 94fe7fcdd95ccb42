package io.stagegate.reports;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from the filters given, with numbered parameters ($1, $2, …) that never inline a value. */
final class Sql {
    private final StringBuilder where = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** Adds {@code condition}, whose {@code ?} marks where {@code value} goes; skipped when {@code value} is null. */
    Sql and(String condition, Object value) {
        return value == null ? this : andEach(condition, value);
    }

    /** Adds a condition without parameters. */
    Sql and(String condition) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
        return this;
    }

    /** Adds {@code condition} with several values, each {@code ?} in order (none may be null). */
    Sql andEach(String condition, Object... values) {
        String text = condition;
        for (Object value : values) {
            parameters.add(value);
            text = text.replaceFirst("\\?", "\\$" + parameters.size());
        }
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(text);
        return this;
    }

    /** The placeholder of one more parameter (for LIMIT). */
    String param(Object value) {
        parameters.add(value);
        return "$" + parameters.size();
    }

    String where() {
        return where.toString();
    }

    List<Object> parameters() {
        return parameters;
    }
}

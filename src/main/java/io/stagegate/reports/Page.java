package io.stagegate.reports;

import java.util.List;

/**
 * One page of a report: its items, and the sort key of the last one when more follow ({@code null} on the last page).
 * The API turns that key into an opaque cursor; a query given it back continues strictly after that item.
 */
public record Page<T>(List<T> items, List<String> next) {
    public Page {
        items = List.copyOf(items);
        next = next == null ? null : List.copyOf(next);
    }

    /** A page of at most {@code limit} of {@code rows}, which a query fetched with one row more to learn whether more follow. */
    static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, List<String>> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }
}

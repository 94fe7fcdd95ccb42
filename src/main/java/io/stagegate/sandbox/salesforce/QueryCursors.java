package io.stagegate.sandbox.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open query cursors: the rows of a query that did not fit in one page, kept for {@code nextRecordsUrl} until
 * {@code idle} passes without a fetch (15 minutes in Salesforce). Each user keeps at most 10; opening an eleventh
 * releases his oldest, as Salesforce does.
 */
final class QueryCursors {
    static final int PER_USER = 10;

    private final Clock clock;
    private final Duration idle;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    /** A query's result: the matching row versions, projected page by page. */
    static final class Cursor {
        final String locator;
        final CompiledQuery query;
        final List<Row> rows;
        final boolean includeDeleted;
        final String userId;
        final int batchSize;
        final long opened;
        volatile long lastUsedMillis;

        Cursor(String locator, CompiledQuery query, List<Row> rows, boolean includeDeleted, String userId, int batchSize, long now) {
            this.locator = locator;
            this.query = query;
            this.rows = rows;
            this.includeDeleted = includeDeleted;
            this.userId = userId;
            this.batchSize = batchSize;
            this.opened = now;
            this.lastUsedMillis = now;
        }
    }

    QueryCursors(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    Cursor open(CompiledQuery query, List<Row> rows, boolean includeDeleted, String userId, int batchSize) {
        String locator = SalesforceIds.of(SalesforceIds.QUERY_LOCATOR, sequence.incrementAndGet());
        Cursor cursor = new Cursor(locator, query, rows, includeDeleted, userId, batchSize, clock.millis());
        synchronized (this) {
            cursors.put(locator, cursor);
            List<Cursor> own = new ArrayList<>();
            cursors.values().forEach(open -> {
                if (open.userId.equals(userId)) {
                    own.add(open);
                }
            });
            own.sort(Comparator.comparingLong((Cursor open) -> open.opened).thenComparing(open -> open.locator));
            for (int i = 0; i < own.size() - PER_USER; i++) {
                cursors.remove(own.get(i).locator);
            }
        }
        return cursor;
    }

    /** The live cursor of this locator and user, or {@code null}; fetching it keeps it alive. */
    Cursor fetch(String locator, String userId) {
        Cursor cursor = cursors.get(locator);
        long now = clock.millis();
        if (cursor == null || !cursor.userId.equals(userId)) {
            return null;
        }
        if (now - cursor.lastUsedMillis > idle.toMillis()) {
            cursors.remove(locator);
            return null;
        }
        cursor.lastUsedMillis = now;
        return cursor;
    }

    /** Test hook: every open cursor expires, as after 15 idle minutes. */
    void expireAll() {
        cursors.clear();
    }

    int open() {
        return cursors.size();
    }
}

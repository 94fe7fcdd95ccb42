package io.stagegate.crm;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where incremental polling stands: the last (modification stamp, id) processed, in the keyset order
 * {@code (modifiedAt, id)}. Saved only after its page has been processed.
 *
 * <p>Ids order by length first, then character by character ({@link #ID_ORDER}). HubSpot's ids are numbers of varying
 * length ({@code "7468906697"} before {@code "37147267321"}, which text order would reverse) and its search compares
 * {@code hs_object_id} as a number; Salesforce's all have 18 characters, for which this is plain text order. The
 * database's forward-only cursor guard orders the same way ({@code SyncStore.saveCursor}).
 */
public record SyncCursor(Instant modifiedAt, String lastId) {
    /** Before the first record: a backfill starts here. */
    public static final SyncCursor START = new SyncCursor(Instant.EPOCH, "");

    /** The tie-break order of ids that share a modification stamp; the empty id comes before every other. */
    public static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    public SyncCursor {
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(lastId, "lastId");
    }

    public boolean isAfter(SyncCursor other) {
        int byTime = modifiedAt.compareTo(other.modifiedAt);
        return byTime > 0 || (byTime == 0 && ID_ORDER.compare(lastId, other.lastId) > 0);
    }
}

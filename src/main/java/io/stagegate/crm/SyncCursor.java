package io.stagegate.crm;

import java.time.Instant;
import java.util.Objects;

/**
 * Where incremental polling stands: the last (modification stamp, id) processed, in the keyset order
 * {@code (modifiedAt, id)}. Saved only after its page has been processed.
 */
public record SyncCursor(Instant modifiedAt, String lastId) {
    /** Before the first record: a backfill starts here. */
    public static final SyncCursor START = new SyncCursor(Instant.EPOCH, "");

    public SyncCursor {
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(lastId, "lastId");
    }

    public boolean isAfter(SyncCursor other) {
        int byTime = modifiedAt.compareTo(other.modifiedAt);
        return byTime > 0 || (byTime == 0 && lastId.compareTo(other.lastId) > 0);
    }
}

package io.stagegate.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The bounds of one poll cycle: read pages with {@link CrmGateway#changedSince} from {@code from} (the saved cursor,
 * moved back by the connector's overlap window against rows committed late with an older stamp) up to {@code until}
 * (now minus the connector's safety lag, so rows of still-open transactions wait for the next cycle). Once the window has
 * been read to its end, every record stamped before {@code settled} has been processed: all of them had committed when
 * the read began. The next cycle's window may start there (see {@link CrmGateway#pollWindow}).
 */
public record PollWindow(SyncCursor from, Instant until, Instant settled) {
    public PollWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(settled, "settled");
    }

    /**
     * The window of a connector that re-reads {@code overlap} before the saved cursor (rows committed late with an older
     * stamp, or indexed late) and stops {@code lag} before now, but never re-reads before what an earlier complete read
     * {@code settled} (null: nothing settled yet).
     */
    public static PollWindow overlapping(SyncCursor saved, Instant now, Instant settled, Duration overlap, Duration lag) {
        Instant until = now.minus(lag);
        Instant settles = now.minus(overlap.compareTo(lag) >= 0 ? overlap : lag);
        if (saved.equals(SyncCursor.START)) {
            return new PollWindow(saved, until, settles);
        }
        Instant from = saved.modifiedAt().minus(overlap);
        if (settled != null && settled.isAfter(from)) {
            from = settled.isAfter(until) ? until : settled;
        }
        return new PollWindow(new SyncCursor(from, ""), until, settles);
    }
}

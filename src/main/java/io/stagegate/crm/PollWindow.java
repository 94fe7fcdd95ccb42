package io.stagegate.crm;

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
}

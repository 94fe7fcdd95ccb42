package io.stagegate.crm;

import java.time.Instant;
import java.util.Objects;

/**
 * The bounds of one poll cycle: read pages with {@link CrmGateway#changedSince} from {@code from} (the saved cursor,
 * moved back by the connector's overlap window against rows committed late with an older stamp) up to {@code until}
 * (now minus the connector's safety lag, so rows of still-open transactions wait for the next cycle).
 */
public record PollWindow(SyncCursor from, Instant until) {
    public PollWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
    }
}

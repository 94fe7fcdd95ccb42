package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.util.Objects;

/** One value a deal property held, as {@code propertiesWithHistory} lists it ({@code ValueWithTimestamp}). */
record HistoryEntry(String value, Instant timestamp, ChangeSource source) {
    HistoryEntry {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(source, "source");
    }
}

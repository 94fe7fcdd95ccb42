package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as HubSpot writes them: always with three fraction digits ({@code 2026-12-03T17:05:35.000Z}).
 * {@link Instant#toString()} drops the fraction when it is zero, which a strict client parsing HubSpot's fixed shape
 * would refuse, and which makes equal instants compare unequal as text.
 */
final class HubSpotTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private HubSpotTime() {
    }

    /** The instant in HubSpot's shape, truncated to milliseconds. */
    static String text(Instant instant) {
        return FORMAT.format(instant);
    }
}

package io.stagegate.intake;

import java.util.List;

/**
 * The rows one push request yields, and what it held besides: events of no interest (another object type) and, for
 * HubSpot, events too malformed to use. Both are acknowledged with the rest, so the sender does not retry them.
 */
public record PushBatch(List<InboxEvent> events, int ignored, int invalid) {
    public PushBatch {
        events = List.copyOf(events);
    }
}

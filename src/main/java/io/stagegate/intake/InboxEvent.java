package io.stagegate.intake;

import java.util.List;
import java.util.Objects;

/**
 * One pushed event as the inbox keeps it: the sender's own id of the event (a re-delivery has the same key and
 * inserts nothing), the CRM records to read again, and the event as received, for the record and for debugging.
 */
public record InboxEvent(String dedupeKey, List<String> recordIds, String payload) {
    /** Longer keys are a bug in the key's construction, not data. */
    static final int MAX_KEY_LENGTH = 300;

    public InboxEvent {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(payload, "payload");
        if (dedupeKey.isBlank() || dedupeKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a dedupe key has 1 to " + MAX_KEY_LENGTH + " characters, was " + dedupeKey.length());
        }
        recordIds = List.copyOf(recordIds);
        if (recordIds.isEmpty()) {
            throw new IllegalArgumentException("an inbox event names at least one record: " + dedupeKey);
        }
    }
}

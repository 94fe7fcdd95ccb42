package io.stagegate.sync;

import java.time.Instant;
import java.util.Map;

/**
 * What the store knew about one opportunity when a newly read version of it is processed.
 *
 * @param stage the CRM stage last seen ({@code null}: never seen)
 * @param modifiedAt / readAt the version last processed: an older version read later is not applied over it
 * @param writtenOutputs / writtenAt what Stagegate last wrote successfully, and when
 * @param pendingOutputs the values of the PENDING (or SHADOW) outbox row, if one waits
 * @param sendingOutputs the values of the outbox row a relay is writing now, if one is in flight
 * @param transitions the moves already recorded, by {@link StoredTransition#key()}
 */
record Prior(
        String stage,
        Instant modifiedAt,
        Instant readAt,
        Map<String, Object> writtenOutputs,
        Instant writtenAt,
        Map<String, Object> pendingOutputs,
        Map<String, Object> sendingOutputs,
        Map<String, StoredTransition> transitions) {

    static final Prior NONE = new Prior(null, null, null, null, null, null, null, Map.of());

    Prior {
        transitions = transitions == null ? Map.of() : transitions;
    }

    boolean seen() {
        return modifiedAt != null;
    }

    /** Collects a prior from the rows of several tables. */
    static final class Builder {
        String stage;
        Instant modifiedAt;
        Instant readAt;
        Map<String, Object> writtenOutputs;
        Instant writtenAt;
        Map<String, Object> pendingOutputs;
        Map<String, Object> sendingOutputs;
        final Map<String, StoredTransition> transitions = new java.util.HashMap<>();

        Prior build() {
            return new Prior(stage, modifiedAt, readAt, writtenOutputs, writtenAt, pendingOutputs, sendingOutputs, Map.copyOf(transitions));
        }
    }
}

package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One deal as the portal keeps it: immutable, replaced as a whole on every write, so readers never lock. Values sit in
 * the slots of {@link PropertySchema} (an array shorter than the schema means nulls for later properties). Only
 * changes made after seeding, and the seeded stage history, are kept as explicit history; any other value has one
 * implicit history entry from the deal's origin.
 */
final class StoredDeal {
    final long id;
    private final String[] values;
    /** Explicit history per property, newest first. */
    final Map<String, List<HistoryEntry>> history;
    /** Associated record ids per object type ({@code contacts}). */
    final Map<String, List<String>> associations;
    /** Who entered the seeded values (the owning rep) and when the deal was created. */
    final ChangeSource origin;
    final Instant archivedAt;

    StoredDeal(long id, String[] values, Map<String, List<HistoryEntry>> history, Map<String, List<String>> associations, ChangeSource origin,
            Instant archivedAt) {
        this.id = id;
        this.values = values;
        this.history = Map.copyOf(history);
        this.associations = Map.copyOf(associations);
        this.origin = origin;
        this.archivedAt = archivedAt;
    }

    String id() {
        return Long.toString(id);
    }

    /** The value in a schema slot; {@code null} when empty. */
    String value(int slot) {
        return slot >= 0 && slot < values.length ? values[slot] : null;
    }

    /** A copy of the value array, at least {@code size} long, for a write. */
    String[] valuesForWrite(int size) {
        return Arrays.copyOf(values, Math.max(size, values.length));
    }

    boolean archived() {
        return archivedAt != null;
    }

    StoredDeal with(String[] newValues, Map<String, List<HistoryEntry>> newHistory) {
        return new StoredDeal(id, newValues, newHistory, associations, origin, archivedAt);
    }

    StoredDeal withAssociations(Map<String, List<String>> newAssociations) {
        return new StoredDeal(id, values, history, newAssociations, origin, archivedAt);
    }

    StoredDeal archivedAt(Instant at) {
        return new StoredDeal(id, values, history, associations, origin, at);
    }
}

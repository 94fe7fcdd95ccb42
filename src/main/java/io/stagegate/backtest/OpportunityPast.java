package io.stagegate.backtest;

import io.stagegate.criteria.Opportunity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An opportunity as it stands now together with what its CRM remembers of its past: everything a point-in-time
 * reconstruction ({@link PointInTime}) needs, in CRM-neutral terms.
 *
 * @param current the opportunity today (for a deleted one, as it stood when deleted)
 * @param createdAt when it was created; before that it did not exist
 * @param deletedAt when it was deleted, {@code null} while it exists
 * @param changes its recorded changes, in any order (sorted here by time, stable for same-second changes)
 * @param untrackedFields criteria fields whose changes the CRM does not record: their past values are unknown
 * @param relatedCreated for each related-record relation whose dates are known, when each of today's related records
 *     was created; a relation missing here has unknown past counts
 * @param historyFrom the oldest moment the CRM still keeps changes from ({@code null}: all of them); a field's value
 *     before it is unknown unless the opportunity is younger
 */
public record OpportunityPast(
        Opportunity current,
        Instant createdAt,
        Instant deletedAt,
        List<Change> changes,
        Set<String> untrackedFields,
        Map<String, List<Instant>> relatedCreated,
        Instant historyFrom) {

    public OpportunityPast {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(createdAt, "createdAt of " + current.id());
        if (deletedAt != null && deletedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("opportunity " + current.id() + " deleted at " + deletedAt + " before it was created at " + createdAt);
        }
        changes = changes == null ? List.of() : changes.stream().sorted(Comparator.comparing(Change::at)).toList();
        untrackedFields = untrackedFields == null ? Set.of() : Set.copyOf(untrackedFields);
        relatedCreated = relatedCreated == null ? Map.of() : Map.copyOf(relatedCreated);
    }

    /** Whether the opportunity existed at {@code at}: created at or before it and not deleted by then. */
    public boolean existedAt(Instant at) {
        return !createdAt.isAfter(at) && (deletedAt == null || deletedAt.isAfter(at));
    }
}

package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored deal through the portal's property schema: a property's value and history, the deal's creation and
 * modification times, and the snapshot the portal hands out.
 */
final class DealReader {
    private final PropertySchema schema;

    DealReader(PropertySchema schema) {
        this.schema = schema;
    }

    String value(StoredDeal deal, String property) {
        return deal.value(schema.slot(property));
    }

    /** A property's history, newest first: the explicit entries, or one entry for a value set at creation. */
    List<HistoryEntry> history(StoredDeal deal, String property) {
        List<HistoryEntry> explicit = deal.history.get(property);
        if (explicit != null) {
            return explicit;
        }
        PropertyDefinition definition = schema.get(property).orElse(null);
        String value = definition == null ? null : value(deal, property);
        if (value == null) {
            return List.of();
        }
        if (PropertySchema.NUM_ASSOCIATED_CONTACTS.equals(property)) {
            // the seeded org's contacts were associated when the deal was created (its ground truth counts today's since then)
            return List.of(new HistoryEntry(value, createdAt(deal), ChangeSource.calculated()));
        }
        if (definition.calculated() || definition.readOnlyValue()) {
            Instant at = definition.type() == PropertyType.DATETIME ? Instant.parse(value) : stageEnteredAt(deal);
            return List.of(new HistoryEntry(value, at, ChangeSource.calculated()));
        }
        return List.of(new HistoryEntry(value, createdAt(deal), deal.origin));
    }

    DealSnapshot snapshot(StoredDeal deal) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int slot = 0; slot < schema.size(); slot++) {
            String value = deal.value(slot);
            if (value != null) {
                properties.put(schema.at(slot).name(), value);
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        deal.associations.forEach((type, ids) -> counts.put(type, ids.size()));
        return new DealSnapshot(deal.id(), properties, createdAt(deal), updatedAt(deal), deal.archived(), counts);
    }

    Instant createdAt(StoredDeal deal) {
        return Instant.parse(value(deal, "createdate"));
    }

    Instant updatedAt(StoredDeal deal) {
        return Instant.parse(value(deal, "hs_lastmodifieddate"));
    }

    private Instant stageEnteredAt(StoredDeal deal) {
        String entered = value(deal, "hs_v2_date_entered_current_stage");
        return entered == null ? createdAt(deal) : Instant.parse(entered);
    }
}

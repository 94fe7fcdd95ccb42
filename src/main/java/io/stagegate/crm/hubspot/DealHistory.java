package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.backtest.Change;
import io.stagegate.backtest.OpportunityPast;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmHistory;
import io.stagegate.crm.CrmOpportunity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what a backtest rebuilds the past from (hubspot.md §2.2, §2.4). HubSpot keeps every property's history, but
 * only by record: search returns none and cannot see archived deals, so the deals are first listed (100 per call, ids,
 * modification stamp and {@code hs_is_closed} only, live and then archived ones), and those that existed since the
 * start are read with batch read, 50 per call (HubSpot's cap with history), the mapped properties in the POST body (a
 * long property list in a GET answers 414) and {@code propertiesWithHistory} for {@code dealstage}, {@code amount},
 * {@code closedate}, the criteria properties and the association counts the criteria read.
 *
 * <p>A live deal closed and untouched since the start was closed then, so it is not read; an archived deal is read when
 * it was archived at or after the start. A property's entries are every value it held, so before its first entry it
 * was empty. An association count's history gives the dates of today's associations only while the count never fell;
 * once it fell, which association went is unknown, and the relation is left unknown for that deal.
 */
final class DealHistory {
    static final int LIST_PAGE = 100;
    static final int HISTORY_BATCH = DealPages.HISTORY_BATCH;
    private static final String CLOSED = "hs_is_closed";
    private static final String CREATED = "createdate";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HubSpotApi api;
    private int calls;

    DealHistory(HubSpotApi api) {
        this.api = api;
    }

    CrmHistory read(Playbook playbook, DealQuery query, DealSchema schema, Instant since) {
        calls = 0;
        List<String> criteria = new ArrayList<>(new TreeSet<>(playbook.criteriaFields()));
        Map<String, String> relations = new LinkedHashMap<>();
        new TreeSet<>(playbook.criteriaRelations()).forEach(relation -> relations.put(relation, DealQuery.countProperty(relation)));
        List<String> withHistory = new ArrayList<>(List.of(DealQuery.STAGE, "amount", "closedate"));
        criteria.stream().filter(name -> !withHistory.contains(name)).forEach(withHistory::add);
        withHistory.addAll(relations.values());

        List<OpportunityPast> pasts = new ArrayList<>();
        for (boolean archived : new boolean[] {false, true}) {
            List<String> ids = existingSince(since, archived, schema.has(CLOSED));
            for (int start = 0; start < ids.size(); start += HISTORY_BATCH) {
                List<String> chunk = ids.subList(start, Math.min(ids.size(), start + HISTORY_BATCH));
                calls++;
                JsonNode response = api.batchRead(body(query, withHistory, chunk), archived);
                Set<String> seen = new LinkedHashSet<>();
                for (JsonNode deal : response.path("results")) {
                    if (seen.add(deal.path("id").asText())) {
                        pasts.add(past(query, schema, criteria, relations, deal, archived));
                    }
                }
            }
        }
        return new CrmHistory(since, pasts, Set.of(), null, calls);
    }

    /** The ids of the deals (live or archived) that existed at or after {@code since}, from the list pages. */
    private List<String> existingSince(Instant since, boolean archived, boolean closedKnown) {
        String properties = archived || !closedKnown ? DealQuery.MODIFIED : DealQuery.MODIFIED + "," + CLOSED;
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            calls++;
            JsonNode page = api.list(LIST_PAGE, after, properties, archived);
            for (JsonNode deal : page.path("results")) {
                if (archived ? !stampBefore(deal.get("archivedAt"), since) : openOrTouchedSince(deal, since, closedKnown)) {
                    ids.add(deal.path("id").asText());
                }
            }
            after = HubSpotValues.text(page.path("paging").path("next").get("after"));
        } while (after != null);
        return ids;
    }

    private static boolean openOrTouchedSince(JsonNode deal, Instant since, boolean closedKnown) {
        if (!closedKnown || !"true".equalsIgnoreCase(HubSpotValues.text(deal.path("properties").get(CLOSED)))) {
            return true;
        }
        return !DealQuery.modifiedAt(deal).isBefore(since);
    }

    /** Whether a stamp is known and before {@code since}; an archived deal without {@code archivedAt} is read to be safe. */
    private static boolean stampBefore(JsonNode stamp, Instant since) {
        Instant at = HubSpotValues.instant(HubSpotValues.text(stamp));
        return at != null && at.isBefore(since);
    }

    static String body(DealQuery query, List<String> withHistory, List<String> ids) {
        ObjectNode body = NODES.objectNode();
        ArrayNode properties = body.putArray("properties");
        query.properties().forEach(properties::add);
        if (!query.properties().contains(CREATED)) {
            properties.add(CREATED);
        }
        ArrayNode history = body.putArray("propertiesWithHistory");
        withHistory.forEach(history::add);
        ArrayNode inputs = body.putArray("inputs");
        ids.forEach(id -> inputs.addObject().put("id", id));
        return body.toString();
    }

    private static OpportunityPast past(DealQuery query, DealSchema schema, List<String> criteria, Map<String, String> relations, JsonNode deal,
            boolean archived) {
        CrmOpportunity current = query.read(deal, archived);
        Map<String, Object> fields = new LinkedHashMap<>();
        criteria.forEach(field -> fields.put(field, current.fields().get(field)));
        Opportunity opportunity = new Opportunity(current.id(), current.pipeline(), current.stage() == null ? "" : current.stage(),
                current.amount(), current.currency(), current.closeDate(), current.owner(), fields, current.related(),
                current.stageEnteredOn(), List.of());
        JsonNode histories = deal.path("propertiesWithHistory");
        List<Change> changes = new ArrayList<>();
        changes(histories.path(DealQuery.STAGE), (at, old, value) -> Change.stage(at, old, value), changes);
        changes(histories.path("amount"), (at, old, value) -> Change.amount(at, HubSpotValues.number(old), HubSpotValues.number(value)), changes);
        changes(histories.path("closedate"), (at, old, value) -> Change.closeDate(at, HubSpotValues.date(old), HubSpotValues.date(value)), changes);
        for (String field : criteria) {
            String type = schema.typeOf(field);
            changes(histories.path(field), (at, old, value) -> Change.field(at, field, HubSpotValues.typed(old, type), HubSpotValues.typed(value, type)),
                    changes);
        }
        Map<String, List<Instant>> relatedCreated = new LinkedHashMap<>();
        relations.forEach((relation, property) -> {
            List<Instant> created = associatedAt(entries(histories.path(property)));
            if (created != null) {
                relatedCreated.put(relation, created);
            }
        });
        Instant createdAt = createdAt(deal);
        Instant deletedAt = null;
        if (archived) {
            Instant archivedAt = HubSpotValues.instant(HubSpotValues.text(deal.get("archivedAt")));
            deletedAt = archivedAt == null ? current.modifiedAt() : archivedAt;
            deletedAt = deletedAt.isBefore(createdAt) ? createdAt : deletedAt;
        }
        return new OpportunityPast(opportunity, createdAt, deletedAt, changes, Set.of(), relatedCreated, null);
    }

    private interface ChangeOf {
        Change of(Instant at, String oldValue, String newValue);
    }

    /** One change per history entry, oldest first, each from the value before it (empty before the first). */
    private static void changes(JsonNode history, ChangeOf change, List<Change> into) {
        String previous = null;
        for (Entry entry : entries(history)) {
            into.add(change.of(entry.at(), previous, entry.value()));
            previous = entry.value();
        }
    }

    private record Entry(Instant at, String value) {
    }

    /** A property's history oldest first (HubSpot sends it newest first, but that is observed, not promised); {@code ""} is empty. */
    private static List<Entry> entries(JsonNode history) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : history) {
            Instant at = HubSpotValues.instant(HubSpotValues.text(entry.get("timestamp")));
            if (at == null) {
                throw new CrmException.Fatal("HubSpot returned a property history entry without a timestamp: " + abbreviate(entry.toString()), null, null);
            }
            entries.add(new Entry(at, HubSpotValues.text(entry.get("value"))));
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    /**
     * When each of today's associations was made, from the history of their count: every rise adds that many at its
     * time. {@code null} (unknown) when the count ever fell or does not read as a whole number.
     */
    static List<Instant> associatedAt(List<Entry> counts) {
        List<Instant> created = new ArrayList<>();
        int previous = 0;
        for (Entry entry : counts) {
            BigDecimal count;
            try {
                count = entry.value() == null ? BigDecimal.ZERO : new BigDecimal(entry.value().trim());
            } catch (NumberFormatException e) {
                return null;
            }
            int now = count.intValue();
            if (now < previous) {
                return null;
            }
            for (int i = previous; i < now; i++) {
                created.add(entry.at());
            }
            previous = now;
        }
        return created;
    }

    private static Instant createdAt(JsonNode deal) {
        Instant created = HubSpotValues.instant(HubSpotValues.text(deal.path("properties").get(CREATED)));
        if (created == null) {
            created = HubSpotValues.instant(HubSpotValues.text(deal.get("createdAt")));
        }
        if (created == null) {
            throw new CrmException.Fatal("HubSpot returned deal " + deal.path("id").asText() + " without createdate", null, null);
        }
        return created;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}

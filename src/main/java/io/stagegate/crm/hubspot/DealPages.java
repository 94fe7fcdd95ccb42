package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.SyncCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * How {@link HubSpotGateway} reads deals page by page (hubspot.md §2.2–2.3, §10). CRM search finds what changed:
 * {@code hs_lastmodifieddate} ascending within the window, {@code hs_object_id} breaking ties with the saved cursor, 200
 * per page, continued with {@code after} while the caller goes on exactly where the last page ended. Search stops at
 * 10,000 results per query, so before the cap a new query starts from the keyset cursor (a new window); the same happens
 * when the result set changed under the paging ({@code total} differs), since offsets would then skip a deal. Search
 * returns no history, so the page's deals are then read with batch read, {@code propertiesWithHistory=dealstage}, 50 per
 * call, which also returns their current values.
 */
final class DealPages {
    static final int SEARCH_PAGE = 200;
    static final int MAX_RESULTS = 10_000;
    static final int HISTORY_BATCH = 50;
    private static final Logger LOG = Logger.getLogger(DealPages.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HubSpotApi api;
    private volatile OpenSearch open;

    /** A search whose next page starts at {@code offset}, continuing after {@code after}. */
    private record OpenSearch(SyncCursor after, Instant until, SyncCursor windowFrom, int offset, long total) {
    }

    /** A search hit: the deal and its modification stamp as the search index holds it. */
    private record Hit(String id, Instant modifiedAt) {
    }

    DealPages(HubSpotApi api) {
        this.api = api;
    }

    void reset() {
        open = null;
    }

    ChangePage changedSince(DealQuery query, SyncCursor cursor, Instant until) {
        OpenSearch continued = open;
        open = null;
        JsonNode result = null;
        SyncCursor windowFrom = cursor;
        if (continued != null && continued.after().equals(cursor) && continued.until().equals(until)) {
            JsonNode next = api.search(searchBody(continued.windowFrom(), until, continued.offset()));
            if (next.path("total").asLong(-1) == continued.total()) {
                result = next;
                windowFrom = continued.windowFrom();
            } else {
                LOG.debugf("HubSpot search results changed while paging (total %d, was %d); continuing from the cursor %s",
                        next.path("total").asLong(-1), continued.total(), cursor);
            }
        }
        if (result == null) {
            result = api.search(searchBody(cursor, until, 0));
            windowFrom = cursor;
        }
        List<Hit> hits = new ArrayList<>();
        for (JsonNode deal : result.path("results")) {
            hits.add(new Hit(deal.path("id").asText(), DealQuery.modifiedAt(deal)));
        }
        SyncCursor next = hits.isEmpty() ? cursor : new SyncCursor(hits.get(hits.size() - 1).modifiedAt(), hits.get(hits.size() - 1).id());
        String nextAfter = HubSpotValues.text(result.path("paging").path("next").get("after"));
        boolean more = nextAfter != null && !hits.isEmpty();
        if (more) {
            int offset = Integer.parseInt(nextAfter);
            if (offset + SEARCH_PAGE <= MAX_RESULTS) {
                open = new OpenSearch(next, until, windowFrom, offset, result.path("total").asLong(-1));
            }
        }
        List<CrmOpportunity> records = read(query, hits.stream().map(Hit::id).toList(), false);
        return new ChangePage(records, next, more);
    }

    /**
     * The deals with these ids, current values and stage history, in the order given; those not found are left out
     * (unless {@code withArchived}: then they are looked up among the archived deals and returned as deleted).
     */
    List<CrmOpportunity> read(DealQuery query, List<String> ids, boolean withArchived) {
        Map<String, CrmOpportunity> found = new LinkedHashMap<>();
        batchRead(query, ids, false).forEach(record -> found.put(record.id(), record));
        if (withArchived) {
            List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
            batchRead(query, missing, true).forEach(record -> found.putIfAbsent(record.id(), record));
        }
        List<CrmOpportunity> ordered = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            CrmOpportunity record = found.remove(id);
            if (record != null) {
                ordered.add(record);
            }
        }
        ordered.addAll(found.values()); // merged ids resolve to a survivor with another id
        return ordered;
    }

    private List<CrmOpportunity> batchRead(DealQuery query, List<String> ids, boolean archived) {
        List<CrmOpportunity> records = new ArrayList<>();
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int start = 0; start < unique.size(); start += HISTORY_BATCH) {
            List<String> chunk = unique.subList(start, Math.min(unique.size(), start + HISTORY_BATCH));
            JsonNode response = api.batchRead(batchReadBody(query, chunk), archived);
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode deal : response.path("results")) {
                if (seen.add(deal.path("id").asText())) {
                    records.add(query.read(deal, archived));
                }
            }
        }
        return records;
    }

    /** The search request: the window after {@code from} up to {@code until}, oldest first, ids and stamps only. */
    static String searchBody(SyncCursor from, Instant until, int offset) {
        ObjectNode body = NODES.objectNode();
        ArrayNode groups = body.putArray("filterGroups");
        String untilMillis = Long.toString(until.toEpochMilli());
        String fromMillis = Long.toString(from.modifiedAt().toEpochMilli());
        if (from.lastId().isEmpty()) {
            ArrayNode filters = groups.addObject().putArray("filters");
            filter(filters, DealQuery.MODIFIED, "GTE", fromMillis);
            filter(filters, DealQuery.MODIFIED, "LTE", untilMillis);
        } else {
            ArrayNode later = groups.addObject().putArray("filters");
            filter(later, DealQuery.MODIFIED, "GT", fromMillis);
            filter(later, DealQuery.MODIFIED, "LTE", untilMillis);
            ArrayNode tied = groups.addObject().putArray("filters");
            filter(tied, DealQuery.MODIFIED, "EQ", fromMillis);
            filter(tied, DealQuery.OBJECT_ID, "GT", from.lastId());
        }
        body.putArray("sorts").addObject().put("propertyName", DealQuery.MODIFIED).put("direction", "ASCENDING");
        body.putArray("properties").add(DealQuery.MODIFIED);
        body.put("limit", SEARCH_PAGE);
        body.put("after", Integer.toString(offset));
        return body.toString();
    }

    private static void filter(ArrayNode filters, String property, String operator, String value) {
        filters.addObject().put("propertyName", property).put("operator", operator).put("value", value);
    }

    static String batchReadBody(DealQuery query, List<String> ids) {
        ObjectNode body = NODES.objectNode();
        ArrayNode properties = body.putArray("properties");
        query.properties().forEach(properties::add);
        body.putArray("propertiesWithHistory").add(DealQuery.STAGE);
        ArrayNode inputs = body.putArray("inputs");
        ids.forEach(id -> inputs.addObject().put("id", id));
        return body.toString();
    }
}

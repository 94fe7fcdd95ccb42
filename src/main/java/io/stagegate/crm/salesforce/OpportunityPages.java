package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.StageChange;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.SyncCursor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * How {@link SalesforceGateway} reads opportunities page by page: keyset pages that continue Salesforce's open query
 * cursor when the caller goes on exactly where the last page ended, a polling window halved after each
 * {@code QUERY_TIMEOUT}, and stage history taken inline or read separately. Calls go through {@link SalesforceApi}, so
 * each keeps its retries; the gateway's own guards (timeout, breaker, bulkhead) stay around the whole operation.
 */
final class OpportunityPages {
    private static final Logger LOG = Logger.getLogger(OpportunityPages.class);
    private static final Duration SMALLEST_WINDOW = Duration.ofSeconds(1);

    private final SalesforceApi api;
    private final SalesforceConfig config;

    private volatile OpenQuery openQuery;
    /** After a QUERY_TIMEOUT: the longest window polled at once, until a poll reaches its upper bound. */
    private volatile Duration windowCap;

    /** A query whose next page is waiting behind {@code nextRecordsUrl}, continuing after {@code after}. */
    private record OpenQuery(String signature, SyncCursor after, Instant until, Instant windowEnd, String nextRecordsUrl) {
    }

    OpportunityPages(SalesforceApi api, SalesforceConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The next page after {@code cursor} up to {@code until}, shrinking the window while Salesforce times out. */
    ChangePage changedSince(OpportunityQuery query, SyncCursor cursor, Instant until) {
        while (true) {
            Instant windowEnd = windowEnd(cursor, until);
            try {
                return page(query, cursor, until, windowEnd);
            } catch (QueryAborted aborted) {
                if (!aborted.timedOut()) {
                    throw new CrmException.Retryable("Salesforce answered " + aborted.getMessage(), SalesforceErrors.INVALID_QUERY_LOCATOR, Duration.ZERO, aborted);
                }
                shrinkWindow(cursor, windowEnd, aborted);
            }
        }
    }

    /** Forgets the open query and the window cap. */
    void reset() {
        openQuery = null;
        windowCap = null;
    }

    private ChangePage page(OpportunityQuery query, SyncCursor cursor, Instant until, Instant windowEnd) {
        QueryResult result = continuation(query, cursor, until, windowEnd);
        if (result == null) {
            result = api.query(query.soql().changedSince(cursor, windowEnd), true, pageSize());
        }
        List<CrmOpportunity> records = toOpportunities(query, result.records());
        boolean windowDone = result.done() || result.nextRecordsUrl() == null;
        boolean capped = windowEnd.isBefore(until);
        SyncCursor next = records.isEmpty() ? cursor : lastOf(records);
        if (windowDone && capped && records.isEmpty()) {
            // Nothing in the shrunk window: move past it, or the same empty window would be asked forever.
            next = new SyncCursor(windowEnd.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), "");
        }
        openQuery = windowDone ? null : new OpenQuery(query.signature(), next, until, windowEnd, result.nextRecordsUrl());
        if (windowDone && !capped) {
            windowCap = null;
        }
        return new ChangePage(records, next, !windowDone || capped);
    }

    /** The next page of the query that returned the previous page, when the caller continues exactly where it ended. */
    private QueryResult continuation(OpportunityQuery query, SyncCursor cursor, Instant until, Instant windowEnd) {
        OpenQuery open = openQuery;
        openQuery = null;
        if (open == null || !open.signature().equals(query.signature()) || !open.after().equals(cursor)
                || !open.until().equals(until) || !open.windowEnd().equals(windowEnd)) {
            return null;
        }
        try {
            return api.queryMore(open.nextRecordsUrl());
        } catch (QueryAborted expired) {
            if (expired.timedOut()) {
                throw expired;
            }
            LOG.infof("Salesforce query cursor expired (%s); restarting from the keyset cursor %s", expired.getMessage(), cursor);
            return null;
        }
    }

    private Instant windowEnd(SyncCursor cursor, Instant until) {
        Duration cap = windowCap;
        if (cap == null) {
            return until;
        }
        Instant capped = cursor.modifiedAt().plus(cap);
        return capped.isBefore(until) ? capped : until;
    }

    private void shrinkWindow(SyncCursor cursor, Instant windowEnd, QueryAborted timeout) {
        Duration span = Duration.between(cursor.modifiedAt(), windowEnd);
        if (span.compareTo(SMALLEST_WINDOW) <= 0) {
            throw new CrmException.Retryable("Salesforce timed out querying even one second of changes after " + cursor
                    + " (" + timeout.getMessage() + ")", SalesforceErrors.QUERY_TIMEOUT, Duration.ZERO, timeout);
        }
        Duration halved = span.dividedBy(2);
        windowCap = halved.compareTo(SMALLEST_WINDOW) < 0 ? SMALLEST_WINDOW : halved;
        LOG.warnf("Salesforce QUERY_TIMEOUT polling %s..%s; shrinking the window to %s..%s", SoqlBuilder.datetime(cursor.modifiedAt()),
                SoqlBuilder.datetime(windowEnd), SoqlBuilder.datetime(cursor.modifiedAt()), SoqlBuilder.datetime(cursor.modifiedAt().plus(windowCap)));
    }

    private static SyncCursor lastOf(List<CrmOpportunity> records) {
        CrmOpportunity last = records.get(records.size() - 1);
        return new SyncCursor(last.modifiedAt(), last.id());
    }

    /**
     * Builds the opportunities of a page. Their stage history comes inline from the {@code OpportunityHistories}
     * subquery; only records whose inline history is incomplete (more child rows than one response holds) or missing
     * have it read separately, in as few queries as the URI allows.
     */
    List<CrmOpportunity> toOpportunities(OpportunityQuery query, List<JsonNode> records) {
        Map<String, List<StageChange>> history = new HashMap<>();
        List<String> incomplete = new ArrayList<>();
        for (JsonNode record : records) {
            if (record.path("IsDeleted").asBoolean(false)) {
                continue;
            }
            String id = record.path("Id").asText();
            JsonNode inline = record.get(SoqlBuilder.HISTORY_RELATION);
            if (inline != null && inline.isNull()) {
                history.put(id, List.of()); // no history rows at all
            } else if (inline != null && inline.path("done").asBoolean(false)) {
                List<JsonNode> rows = new ArrayList<>();
                for (JsonNode row : inline.path("records")) {
                    rows.add(((ObjectNode) row.deepCopy()).put("OpportunityId", id));
                }
                history.put(id, OpportunityQuery.history(rows).getOrDefault(id, List.of()));
            } else {
                incomplete.add(id);
            }
        }
        if (!incomplete.isEmpty()) {
            List<JsonNode> historyRows = new ArrayList<>();
            for (String soql : SoqlBuilder.historyOf(incomplete)) {
                historyRows.addAll(queryAll(soql, false));
            }
            history.putAll(OpportunityQuery.history(historyRows));
        }
        List<CrmOpportunity> opportunities = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            opportunities.add(query.read(record, history.getOrDefault(record.path("Id").asText(), List.of())));
        }
        return opportunities;
    }

    /** Every row of a query, following nextRecordsUrl. */
    List<JsonNode> queryAll(String soql, boolean includeDeleted) {
        QueryResult result = api.query(soql, includeDeleted, pageSize());
        List<JsonNode> rows = new ArrayList<>(result.records());
        while (!result.done() && result.nextRecordsUrl() != null) {
            result = api.queryMore(result.nextRecordsUrl());
            rows.addAll(result.records());
        }
        return rows;
    }

    /** Salesforce accepts batch sizes from 200 to 2000. */
    int pageSize() {
        return Math.max(200, Math.min(2000, config.pageSize()));
    }
}

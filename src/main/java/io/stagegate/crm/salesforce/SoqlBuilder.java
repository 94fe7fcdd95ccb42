package io.stagegate.crm.salesforce;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.SyncCursor;
import io.stagegate.playbook.CrmNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds every SOQL statement the connector sends. Field and relation names must be valid API names
 * ({@link CrmNames}); anything else is refused, so configuration can never inject text into a query. Values reach the
 * query only as escaped string literals, validated ids or formatted datetimes.
 */
final class SoqlBuilder {
    /** Datetime literals are unquoted, in UTC, to the second (SystemModstamp has second granularity). */
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /**
     * Longest query text, URL-encoded as the worst case (every reserved character percent-encoded), so that the request
     * line stays well below Salesforce's 16,384-byte limit on URI plus headers.
     */
    static final int MAX_ENCODED_QUERY = 14_000;
    private static final String CURSOR = "SystemModstamp";
    /** The child relationship of OpportunityHistory rows on Opportunity, read with every opportunity. */
    static final String HISTORY_RELATION = "OpportunityHistories";
    static final String HISTORY_SUBQUERY = "(SELECT StageName, CreatedDate FROM " + HISTORY_RELATION + " ORDER BY CreatedDate, Id)";

    private final String object;
    private final List<String> fields;
    private final List<String> countedRelations;

    /**
     * @param fields the fields to select, {@code Id} first; duplicates (case-insensitive) are dropped
     * @param countedRelations child relationships whose rows are counted (e.g. {@code OpportunityContactRoles})
     */
    SoqlBuilder(String object, Collection<String> fields, Collection<String> countedRelations) {
        this.object = apiName(object);
        Map<String, String> unique = new LinkedHashMap<>();
        unique.put("id", "Id");
        fields.forEach(field -> unique.putIfAbsent(apiName(field).toLowerCase(Locale.ROOT), field));
        this.fields = List.copyOf(unique.values());
        Map<String, String> relations = new LinkedHashMap<>();
        countedRelations.forEach(relation -> relations.putIfAbsent(apiName(relation).toLowerCase(Locale.ROOT), relation));
        this.countedRelations = List.copyOf(relations.values());
    }

    List<String> fields() {
        return fields;
    }

    List<String> countedRelations() {
        return countedRelations;
    }

    /**
     * The polling query: records after {@code cursor} in keyset order {@code (SystemModstamp, Id)}, up to and including
     * {@code until}. A cursor without an id (a backfill, or a cycle rewound by the overlap window) starts inclusively at
     * its stamp.
     */
    String changedSince(SyncCursor cursor, Instant until) {
        String from = datetime(cursor.modifiedAt());
        String after = cursor.lastId().isEmpty()
                ? CURSOR + " >= " + from
                : "((" + CURSOR + " = " + from + " AND Id > " + idLiteral(cursor.lastId()) + ") OR " + CURSOR + " > " + from + ")";
        return select() + " WHERE " + after + " AND " + CURSOR + " <= " + datetime(until) + " ORDER BY " + CURSOR + ", Id";
    }

    /** The given records, in as few queries as the URI length allows. */
    List<String> byIds(List<String> ids) {
        return chunked(select() + " WHERE Id IN (", ids, ")");
    }

    /** Stage history of the given opportunities, oldest first per opportunity, chunked like {@link #byIds}. */
    static List<String> historyOf(List<String> opportunityIds) {
        return chunked("SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN (",
                opportunityIds, ") ORDER BY OpportunityId, CreatedDate, Id");
    }

    /**
     * The opportunities a backtest from {@code since} needs: every open one (an open deal untouched since then was
     * open then) and every one changed since (closed, deleted or edited after it), with their creation stamp and the
     * creation stamps of their related records, so past counts can be told. Run with queryAll: a deal deleted after
     * {@code since} still counted before it.
     */
    String existingSince(Instant since) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + object);
        fields.forEach(select::add);
        if (!fields.contains("CreatedDate")) {
            select.add("CreatedDate");
        }
        countedRelations.forEach(relation -> select.add("(SELECT CreatedDate FROM " + relation + " WHERE IsDeleted = false)"));
        return select + " WHERE IsClosed = false OR " + CURSOR + " >= " + datetime(since) + " ORDER BY Id";
    }

    /**
     * Every OpportunityHistory row (snapshots of stage, amount and close date after each change), oldest first per
     * opportunity. Not filtered by date: the stage a deal had at {@code since} is in the last row before it.
     */
    static String opportunityHistory() {
        return "SELECT OpportunityId, StageName, Amount, CloseDate, PrevAmount, PrevCloseDate, CreatedDate FROM OpportunityHistory "
                + "ORDER BY OpportunityId, CreatedDate, Id";
    }

    /**
     * The tracked criteria fields' changes from {@code since} on, oldest first per opportunity: the old value of the first
     * change after a day is the value of that day, so older rows are not needed.
     */
    static String fieldHistory(Collection<String> trackedFields, Instant since) {
        StringJoiner in = new StringJoiner(", ", "(", ")");
        trackedFields.forEach(field -> in.add(literal(apiName(field))));
        return "SELECT OpportunityId, Field, OldValue, NewValue, CreatedDate FROM OpportunityFieldHistory WHERE CreatedDate >= " + datetime(since)
                + " AND Field IN " + in + " ORDER BY OpportunityId, CreatedDate, Id";
    }

    /** The org's stage records (active or not) for the given stage values, as string literals. */
    static String stages(Collection<String> values) {
        StringJoiner in = new StringJoiner(", ", "(", ")");
        values.forEach(value -> in.add(literal(value)));
        return "SELECT MasterLabel, IsActive, IsClosed, IsWon FROM OpportunityStage WHERE MasterLabel IN " + in + " ORDER BY SortOrder";
    }

    private String select() {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + object);
        fields.forEach(select::add);
        // Parent-to-child subqueries count related rows in the same call; queryAll would count deleted children too.
        countedRelations.forEach(relation -> select.add("(SELECT Id FROM " + relation + " WHERE IsDeleted = false)"));
        if (object.equals("Opportunity")) {
            // the stage history rides along in the same call (its rows count towards the page size, as in Salesforce)
            select.add(HISTORY_SUBQUERY);
        }
        return select.toString();
    }

    private static List<String> chunked(String prefix, List<String> ids, String suffix) {
        List<String> queries = new ArrayList<>();
        int fixed = encodedLength(prefix) + encodedLength(suffix);
        int separator = encodedLength(",");
        StringJoiner list = null;
        int length = fixed;
        for (String id : ids) {
            String literal = idLiteral(id);
            int added = encodedLength(literal) + separator;
            if (list != null && length + added > MAX_ENCODED_QUERY) {
                queries.add(prefix + list + suffix);
                list = null;
            }
            if (list == null) {
                list = new StringJoiner(",");
                length = fixed;
            }
            list.add(literal);
            length += added;
        }
        if (list != null) {
            queries.add(prefix + list + suffix);
        }
        return queries;
    }

    static int encodedLength(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).length();
    }

    /** A SOQL string literal: backslash escaped first, then the single quote, then line breaks and tabs. */
    static String literal(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\'' -> escaped.append("\\'");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c);
            }
        }
        return escaped.append('\'').toString();
    }

    /** An id literal; anything but a 15- or 18-character Salesforce id is refused. */
    static String idLiteral(String id) {
        if (!SalesforceId.isId(id)) {
            throw new IllegalArgumentException("not a Salesforce id: '" + id + "'");
        }
        return "'" + id + "'";
    }

    static String datetime(Instant instant) {
        return DATETIME.format(instant);
    }

    private static String apiName(String name) {
        String problem = CrmNames.problem(Crm.SALESFORCE, name);
        if (problem != null) {
            throw new IllegalArgumentException("refusing to put a name into SOQL: " + problem);
        }
        return name;
    }
}

package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.backtest.Change;
import io.stagegate.backtest.OpportunityPast;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmHistory;
import io.stagegate.crm.CrmOpportunity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what a backtest rebuilds the past from, in a fixed number of flat queries whatever the org's size: the describe
 * of OpportunityFieldHistory (which fields are tracked), the opportunities that existed since the start (queryAll,
 * deleted ones included), every OpportunityHistory row, and the tracked criteria fields' OpportunityFieldHistory rows
 * since the start, each in pages of 2000 rows.
 *
 * <p>Flat queries rather than the {@code OpportunityHistories} and {@code Histories} subqueries inline with the
 * opportunities: child rows count towards a page either way, so the rows cost the same calls, but a subquery cannot be
 * filtered to the period's field changes as cheaply, and a deal whose children overflow its page needs one more call of
 * its own (Salesforce pages a long child list per parent), which flat queries never do.
 */
final class HistoryReader {
    /** Salesforce keeps field history 24 months through the API (18 in its UI). */
    static final int RETENTION_MONTHS = 24;

    private final SalesforceApi api;
    private final int pageSize;
    private int calls;

    HistoryReader(SalesforceApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
    }

    CrmHistory read(Playbook playbook, OpportunityQuery query, OpportunitySchema schema, Instant since, Instant now) {
        calls = 0;
        Map<String, String> criteria = new LinkedHashMap<>();
        new TreeSet<>(playbook.criteriaFields()).forEach(field -> criteria.put(key(field), field));
        Set<String> tracked = trackedFields();
        List<String> trackedCriteria = criteria.values().stream().filter(field -> tracked.contains(key(field))).toList();
        Set<String> untracked = new TreeSet<>(criteria.values());
        trackedCriteria.forEach(untracked::remove);

        Map<String, JsonNode> records = new LinkedHashMap<>();
        for (JsonNode record : rows(query.soql().existingSince(since), true)) {
            records.put(record.path("Id").asText(), record);
        }
        Map<String, List<Change>> changes = new HashMap<>();
        stageAmountAndCloseDate(rows(SoqlBuilder.opportunityHistory(), true), records.keySet(), changes);
        if (!trackedCriteria.isEmpty()) {
            for (JsonNode row : rows(SoqlBuilder.fieldHistory(trackedCriteria, since), true)) {
                String id = row.path("OpportunityId").asText();
                String field = criteria.get(key(row.path("Field").asText()));
                if (records.containsKey(id) && field != null) {
                    String type = schema.typeOf(field);
                    changes.computeIfAbsent(id, k -> new ArrayList<>()).add(Change.field(stamp(row, "CreatedDate"), field,
                            SalesforceValues.typed(row.get("OldValue"), type), SalesforceValues.typed(row.get("NewValue"), type)));
                }
            }
        }
        Instant historyFrom = now.atZone(ZoneOffset.UTC).minusMonths(RETENTION_MONTHS).toInstant();
        List<OpportunityPast> pasts = new ArrayList<>(records.size());
        for (JsonNode record : records.values()) {
            CrmOpportunity current = query.read(record, List.of());
            Map<String, Object> fields = new LinkedHashMap<>();
            criteria.values().forEach(field -> fields.put(field, current.fields().get(field)));
            Opportunity opportunity = new Opportunity(current.id(), current.pipeline(), current.stage() == null ? "" : current.stage(),
                    current.amount(), current.currency(), current.closeDate(), current.owner(), fields, current.related(),
                    current.stageEnteredOn(), List.of());
            pasts.add(new OpportunityPast(opportunity, stamp(record, "CreatedDate"), current.deleted() ? current.modifiedAt() : null,
                    changes.getOrDefault(current.id(), List.of()), untracked, relatedCreated(record, query.soql()), historyFrom));
        }
        return new CrmHistory(since, pasts, untracked, historyFrom, calls);
    }

    /** The fields OpportunityFieldHistory's {@code Field} picklist lists, lower-cased (API names are case-insensitive). */
    private Set<String> trackedFields() {
        calls++;
        Set<String> tracked = new LinkedHashSet<>();
        api.describeFieldHistory().fields().stream().filter(field -> "Field".equals(field.name()))
                .forEach(field -> field.picklistValues().forEach(value -> tracked.add(key(value.value()))));
        return tracked;
    }

    /**
     * Turns OpportunityHistory snapshots into changes. The first row of a deal is taken as its state since creation (its
     * old values are its own, or PrevAmount/PrevCloseDate when Salesforce kept them), so a day before the first row
     * still reads a value; later rows give a change only for what differs from the row before.
     */
    private static void stageAmountAndCloseDate(List<JsonNode> rows, Set<String> wanted, Map<String, List<Change>> changes) {
        String previousId = null;
        String stage = null;
        BigDecimal amount = null;
        LocalDate closeDate = null;
        for (JsonNode row : rows) {
            String id = row.path("OpportunityId").asText();
            if (!wanted.contains(id)) {
                continue;
            }
            Instant at = stamp(row, "CreatedDate");
            String newStage = SalesforceValues.text(row.get("StageName"));
            BigDecimal newAmount = SalesforceValues.number(row.get("Amount"));
            LocalDate newCloseDate = SalesforceValues.date(row.get("CloseDate"));
            List<Change> list = changes.computeIfAbsent(id, k -> new ArrayList<>());
            if (!id.equals(previousId)) {
                BigDecimal prevAmount = SalesforceValues.number(row.get("PrevAmount"));
                LocalDate prevCloseDate = SalesforceValues.date(row.get("PrevCloseDate"));
                list.add(Change.stage(at, newStage, newStage));
                list.add(Change.amount(at, prevAmount == null ? newAmount : prevAmount, newAmount));
                list.add(Change.closeDate(at, prevCloseDate == null ? newCloseDate : prevCloseDate, newCloseDate));
            } else {
                if (!Objects.equals(stage, newStage)) {
                    list.add(Change.stage(at, stage, newStage));
                }
                if (amount == null ? newAmount != null : newAmount == null || amount.compareTo(newAmount) != 0) {
                    list.add(Change.amount(at, amount, newAmount));
                }
                if (!Objects.equals(closeDate, newCloseDate)) {
                    list.add(Change.closeDate(at, closeDate, newCloseDate));
                }
            }
            previousId = id;
            stage = newStage;
            amount = newAmount;
            closeDate = newCloseDate;
        }
    }

    /** When each related record was created, per counted relation; a list Salesforce cut short leaves the relation unknown. */
    private static Map<String, List<Instant>> relatedCreated(JsonNode record, SoqlBuilder soql) {
        Map<String, List<Instant>> created = new LinkedHashMap<>();
        for (String relation : soql.countedRelations()) {
            JsonNode children = record.get(relation);
            if (children == null || children.isNull()) {
                created.put(relation, List.of());
            } else if (children.path("done").asBoolean(false)) {
                List<Instant> stamps = new ArrayList<>();
                children.path("records").forEach(child -> stamps.add(stamp(child, "CreatedDate")));
                created.put(relation, stamps);
            }
        }
        return created;
    }

    private List<JsonNode> rows(String soql, boolean includeDeleted) {
        calls++;
        QueryResult result = api.query(soql, includeDeleted, pageSize);
        List<JsonNode> rows = new ArrayList<>(result.records());
        while (!result.done() && result.nextRecordsUrl() != null) {
            calls++;
            result = api.queryMore(result.nextRecordsUrl());
            rows.addAll(result.records());
        }
        return rows;
    }

    private static Instant stamp(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            throw new CrmException.Fatal("Salesforce returned a row without " + field + ": " + abbreviate(row.toString()), null, null);
        }
        return SalesforceValues.instant(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static String key(String apiName) {
        return apiName.toLowerCase(Locale.ROOT);
    }
}

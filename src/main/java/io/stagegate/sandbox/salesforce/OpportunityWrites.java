package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.Playbook;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce's rules for a write to an opportunity: which fields may be set, what each value must be, what follows
 * the stage, and which changes write an OpportunityHistory row and OpportunityFieldHistory rows. It validates a change and computes the new version
 * without writing; {@link #apply} writes it. Not thread-safe: called under the org's write lock.
 */
final class OpportunityWrites {
    /** Fields whose change writes an OpportunityHistory row. */
    private static final Set<String> HISTORY_FIELDS = Set.of("StageName", "Amount", "Probability", "CloseDate", "ForecastCategoryName");
    private static final Set<String> STAMP_FIELDS = Set.of("LastModifiedDate", "LastModifiedById", "SystemModstamp");
    /** What an insert must set, in the order REQUIRED_FIELD_MISSING lists them. */
    private static final List<String> REQUIRED_ON_INSERT = List.of("Name", "StageName", "CloseDate");

    private final SalesforceSchema schema;
    private final OrgStore store;
    private final OrgCatalog catalog;
    private final Playbook playbook;
    private final FieldHistory fieldHistory;

    OpportunityWrites(Playbook playbook, SalesforceSchema schema, OrgStore store, OrgCatalog catalog) {
        this.playbook = playbook;
        this.schema = schema;
        this.store = store;
        this.catalog = catalog;
        this.fieldHistory = new FieldHistory(schema, store);
    }

    /** A validated change of one opportunity, ready to apply. */
    static final class Staged {
        final Row row;
        final Row history;
        /** One OpportunityFieldHistory row per tracked field changed (the created row of an insert). */
        final List<Row> fieldHistory;
        final OpportunityChange change;

        Staged(Row row, Row history, List<Row> fieldHistory, OpportunityChange change) {
            this.row = row;
            this.history = history;
            this.fieldHistory = List.copyOf(fieldHistory);
            this.change = change;
        }
    }

    /** Validates a change against the current record and computes the new version; writes nothing. */
    Staged stage(String rawId, Map<FieldDef, Object> values, String actorUserId, String client, Instant now) {
        Row current = opportunityForWrite(rawId);
        List<SaveError> errors = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        Map<FieldDef, Object> next = new LinkedHashMap<>();
        for (Map.Entry<FieldDef, Object> entry : values.entrySet()) {
            FieldDef field = entry.getKey();
            if (!field.updateable()) {
                readOnly.add(field.name());
                continue;
            }
            try {
                next.put(field, store.shared(checkValue(field, entry.getValue())));
            } catch (SalesforceRecordException e) {
                errors.addAll(e.errors());
            }
        }
        if (!readOnly.isEmpty()) {
            errors.add(0, readOnlyError(readOnly));
        }
        if (!errors.isEmpty()) {
            throw new SalesforceRecordException(errors);
        }
        ObjectSchema opportunity = current.schema();
        if (Boolean.TRUE.equals(current.get("HasOpportunityLineItem"))) {
            next.remove(opportunity.require("Amount"));
        }
        FieldDef stageName = opportunity.require("StageName");
        if (next.containsKey(stageName) && !FieldValues.same(next.get(stageName), current.get(stageName))) {
            StageInfo info = catalog.stage((String) next.get(stageName));
            next.putIfAbsent(opportunity.require("Probability"), info.defaultProbability());
            derive(opportunity, info, next);
            next.put(opportunity.require("LastStageChangeDate"), now);
        }
        if (next.containsKey(opportunity.require("RecordTypeId")) && next.get(opportunity.require("RecordTypeId")) == null) {
            next.put(opportunity.require("RecordTypeId"), catalog.recordTypeId(OrgCatalog.NEW_BUSINESS));
        }
        next.put(opportunity.require("LastModifiedDate"), now);
        next.put(opportunity.require("SystemModstamp"), now);
        next.put(opportunity.require("LastModifiedById"), actorUserId);
        Row updated = current.with(next);
        updated = updated.with("ExpectedRevenue", expectedRevenue(updated));
        Map<String, Object> changed = new LinkedHashMap<>();
        List<Row> fieldRows = new ArrayList<>();
        for (FieldDef field : opportunity.fields()) {
            if (!STAMP_FIELDS.contains(field.name()) && !FieldValues.same(current.get(field), updated.get(field))) {
                changed.put(field.name(), updated.get(field));
                Row row = fieldHistory.changed(updated.id(), field, current.get(field), updated.get(field), actorUserId, now);
                if (row != null) {
                    fieldRows.add(row);
                }
            }
        }
        Row history = changed.keySet().stream().anyMatch(HISTORY_FIELDS::contains) ? historyRow(current, updated, actorUserId, now) : null;
        return new Staged(updated, history, fieldRows, new OpportunityChange(updated.id(), OpportunityChange.Kind.UPDATE, now, changed, actorUserId, client));
    }

    private static SaveError readOnlyError(List<String> fields) {
        return new SaveError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + String.join(", ", fields)
                + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.", fields);
    }

    /**
     * Validates a new opportunity and builds it (with its first history row); writes nothing. Name, StageName and
     * CloseDate are required ({@code REQUIRED_FIELD_MISSING} names every one missing), read-only fields and an Id are
     * refused, the rest defaults as in Salesforce (owner and creator the caller, the default record type, the corporate
     * currency, the stage's probability, forecast category and closed flags).
     */
    Staged stageInsert(Map<FieldDef, Object> given, String id, String actorUserId, String client, Instant now) {
        ObjectSchema opportunity = schema.require(SalesforceSchema.OPPORTUNITY);
        List<SaveError> errors = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Object> set = new LinkedHashMap<>();
        for (Map.Entry<FieldDef, Object> entry : given.entrySet()) {
            FieldDef field = entry.getKey();
            if (field.index() == 0) {
                errors.add(new SaveError("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", List.of(field.name())));
            } else if (!field.createable()) {
                readOnly.add(field.name());
            } else if (entry.getValue() != null || !REQUIRED_ON_INSERT.contains(field.name())) {
                try {
                    set.put(field.name(), store.shared(checkValue(field, entry.getValue())));
                } catch (SalesforceRecordException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        for (String required : REQUIRED_ON_INSERT) {
            if (given.get(opportunity.require(required)) == null) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            errors.add(new SaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
        }
        if (!readOnly.isEmpty()) {
            errors.add(0, readOnlyError(readOnly));
        }
        if (!errors.isEmpty()) {
            throw new SalesforceRecordException(errors);
        }
        StageInfo info = catalog.stage((String) set.get("StageName"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("RecordTypeId", catalog.recordTypeId(OrgCatalog.NEW_BUSINESS));
        values.put("Probability", info.defaultProbability());
        values.put("CurrencyIsoCode", playbook.currency());
        values.put("OwnerId", actorUserId);
        values.putAll(set);
        if (values.get("RecordTypeId") == null) {
            values.put("RecordTypeId", catalog.recordTypeId(OrgCatalog.NEW_BUSINESS));
        }
        values.put("IsClosed", info.closed());
        values.put("IsWon", info.won());
        values.put("ForecastCategory", info.forecastCategory());
        values.put("ForecastCategoryName", info.forecastCategoryName());
        values.put("HasOpportunityLineItem", false);
        values.put("CreatedDate", now);
        values.put("CreatedById", actorUserId);
        values.put("LastModifiedDate", now);
        values.put("LastModifiedById", actorUserId);
        values.put("SystemModstamp", now);
        values.put("LastStageChangeDate", now);
        Row row = Row.of(opportunity, values);
        row = row.with("ExpectedRevenue", expectedRevenue(row));
        Map<String, Object> created = new LinkedHashMap<>();
        for (FieldDef field : opportunity.fields()) {
            if (row.get(field) != null) {
                created.put(field.name(), row.get(field));
            }
        }
        return new Staged(row, historyRow(null, row, actorUserId, now), List.of(fieldHistory.created(id, actorUserId, now)),
                new OpportunityChange(id, OpportunityChange.Kind.CREATE, now, created, actorUserId, client));
    }

    /** Checks one written value; Salesforce's own rules for the standard fields come on top of the type's. */
    private Object checkValue(FieldDef field, Object value) {
        Object checked = FieldValues.validate(field, value);
        switch (field.name()) {
            case "Probability":
                if (checked != null && (((BigDecimal) checked).signum() < 0 || ((BigDecimal) checked).compareTo(BigDecimal.valueOf(100)) > 0)) {
                    throw FieldValues.outOfRange(field, value);
                }
                return checked;
            case "OwnerId":
                if (SalesforceIds.normalize((String) checked) == null) {
                    throw new SalesforceRecordException("MALFORMED_ID", field.label() + ": id value of incorrect type: " + checked, List.of(field.name()));
                }
                Row owner = store.byId(SalesforceIds.normalize((String) checked));
                if (owner == null || !owner.schema().name().equals(SalesforceSchema.USER) || !Boolean.TRUE.equals(owner.get("IsActive"))) {
                    throw new SalesforceRecordException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of(field.name()));
                }
                return owner.id();
            case "RecordTypeId":
                if (checked == null) {
                    return null;
                }
                String recordType = SalesforceIds.normalize((String) checked);
                if (recordType == null || !catalog.isRecordTypeId(recordType)) {
                    throw new SalesforceRecordException("INVALID_CROSS_REFERENCE_KEY",
                            "Record Type ID: this ID value isn't valid for the user: " + checked, List.of(field.name()));
                }
                return recordType;
            default:
                return checked;
        }
    }

    private Row opportunityForWrite(String rawId) {
        String id = SalesforceIds.normalize(rawId);
        if (id == null || !id.startsWith(SalesforceIds.OPPORTUNITY)) {
            throw new SalesforceRecordException("MALFORMED_ID", "Opportunity ID: id value of incorrect type: " + rawId, List.of("Id"));
        }
        Row current = store.table(SalesforceIds.OPPORTUNITY).get(id);
        if (current == null) {
            throw new SalesforceRecordException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
        }
        if (current.isDeleted()) {
            throw new SalesforceRecordException("ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        return current;
    }

    /** Writes a staged change: the new version and its history row, if any. */
    void apply(Staged change) {
        store.table(SalesforceIds.OPPORTUNITY).put(change.row);
        if (change.history != null) {
            store.table(SalesforceIds.OPPORTUNITY_HISTORY).put(change.history);
        }
        change.fieldHistory.forEach(fieldHistory::put);
    }

    /**
     * Moves an opportunity to the recycle bin or back, with its history and contact roles (SystemModstamp moves on
     * each); returns the change.
     */
    OpportunityChange recycle(Row current, boolean deleted, String actorUserId, String client, Instant now) {
        store.table(SalesforceIds.OPPORTUNITY).put(current.with("IsDeleted", deleted).with("SystemModstamp", now).with("LastModifiedDate", now)
                .with("LastModifiedById", actorUserId));
        for (String child : List.of(SalesforceIds.OPPORTUNITY_HISTORY, SalesforceIds.OPPORTUNITY_FIELD_HISTORY, SalesforceIds.OPPORTUNITY_CONTACT_ROLE)) {
            OrgTable table = store.table(child);
            for (Row row : table.children(current.id())) {
                Row recycled = row.with("IsDeleted", deleted);
                // field history has no SystemModstamp
                table.put(recycled.schema().field("SystemModstamp") == null ? recycled : recycled.with("SystemModstamp", now));
            }
        }
        return new OpportunityChange(current.id(), deleted ? OpportunityChange.Kind.DELETE : OpportunityChange.Kind.UNDELETE, now,
                Map.of("IsDeleted", deleted), actorUserId, client);
    }

    /** The history row of a write: the new snapshot, with the previous amount and close date ({@code before} null on insert). */
    private Row historyRow(Row before, Row after, String actorUserId, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", store.takeHistoryNumber());
        values.put("OpportunityId", after.id());
        values.put("CreatedById", actorUserId);
        values.put("CreatedDate", now);
        values.put("StageName", after.get("StageName"));
        values.put("Amount", after.get("Amount"));
        values.put("ExpectedRevenue", after.get("ExpectedRevenue"));
        values.put("CloseDate", after.get("CloseDate"));
        values.put("Probability", after.get("Probability"));
        values.put("ForecastCategory", after.get("ForecastCategory"));
        values.put("PrevAmount", before == null ? null : before.get("Amount"));
        values.put("PrevCloseDate", before == null ? null : before.get("CloseDate"));
        values.put("CurrencyIsoCode", after.get("CurrencyIsoCode"));
        values.put("SystemModstamp", now);
        return Row.of(schema.require(SalesforceSchema.OPPORTUNITY_HISTORY), values);
    }

    private static void derive(ObjectSchema opportunity, StageInfo info, Map<FieldDef, Object> next) {
        next.put(opportunity.require("ForecastCategoryName"), info.forecastCategoryName());
        next.put(opportunity.require("ForecastCategory"), info.forecastCategory());
        next.put(opportunity.require("IsClosed"), info.closed());
        next.put(opportunity.require("IsWon"), info.won());
    }

    static BigDecimal expectedRevenue(Row row) {
        return revenue((BigDecimal) row.get("Amount"), (BigDecimal) row.get("Probability"));
    }

    static BigDecimal revenue(BigDecimal amount, BigDecimal probability) {
        if (amount == null || probability == null) {
            return null;
        }
        return amount.multiply(probability).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}

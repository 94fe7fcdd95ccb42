package io.stagegate.sandbox.salesforce;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The org's rows: one {@link OrgTable} per object, the one shared object of each date, and the record numbers the next
 * history row, field history row, contact role and API-created opportunity get. Not thread-safe: the org's lock guards it; readers see it
 * only as a {@link OrgView} while the read lock is held.
 */
final class OrgStore implements OrgView {
    private final SalesforceSchema schema;
    private final Map<String, OrgTable> tables = new HashMap<>();
    /** One LocalDate object a day, shared by every row holding it: a million deals hold a few thousand distinct days. */
    private final Map<LocalDate, LocalDate> days = new HashMap<>();
    private long nextHistory = 1;
    private long nextFieldHistory = 1;
    private long nextContactRole = 1;
    /** The record number the next opportunity created through the API gets: after every seeded or inserted one. */
    private long nextOpportunity = 1;

    OrgStore(SalesforceSchema schema) {
        this.schema = schema;
        for (ObjectSchema object : schema.objects()) {
            tables.put(object.keyPrefix(), new OrgTable(object));
        }
    }

    OrgTable table(String keyPrefix) {
        return tables.get(keyPrefix);
    }

    @Override
    public Collection<Row> rows(ObjectSchema object) {
        return table(object.keyPrefix()).rows.values();
    }

    @Override
    public Row byId(String id) {
        OrgTable table = tables.get(id.substring(0, 3));
        return table == null ? null : table.get(id);
    }

    @Override
    public List<Row> children(ObjectSchema.ChildRelationship relationship, String parentId) {
        return table(schema.require(relationship.childObject()).keyPrefix()).children(parentId);
    }

    /** Empties the opportunities with their history and contact roles, and starts their numbering over. */
    void clearOpportunities() {
        table(SalesforceIds.OPPORTUNITY).clear();
        table(SalesforceIds.OPPORTUNITY_HISTORY).clear();
        table(SalesforceIds.OPPORTUNITY_FIELD_HISTORY).clear();
        table(SalesforceIds.OPPORTUNITY_CONTACT_ROLE).clear();
        nextHistory = 1;
        nextFieldHistory = 1;
        nextContactRole = 1;
        nextOpportunity = 1;
    }

    /** The one shared object of a date value (other values as they are). */
    Object shared(Object value) {
        return value instanceof LocalDate ? days.computeIfAbsent((LocalDate) value, day -> day) : value;
    }

    long takeHistoryNumber() {
        return nextHistory++;
    }

    long takeFieldHistoryNumber() {
        return nextFieldHistory++;
    }

    long takeContactRoleNumber() {
        return nextContactRole++;
    }

    long nextOpportunity() {
        return nextOpportunity;
    }

    void nextOpportunity(long number) {
        nextOpportunity = number;
    }

    /** The opportunity with this id (15 or 18 characters), deleted or not; a test hook's bad id is an IllegalArgumentException. */
    Row existingOpportunity(String id) {
        String normalized = SalesforceIds.normalize(id);
        Row row = normalized == null ? null : table(SalesforceIds.OPPORTUNITY).get(normalized);
        if (row == null) {
            throw new IllegalArgumentException("no opportunity with id " + id);
        }
        return row;
    }

    /** The fields by API name of a child relationship's rows of one opportunity (any id spelling), oldest first. */
    List<Map<String, Object>> childValues(ObjectSchema.ChildRelationship relationship, String opportunityId) {
        String normalized = SalesforceIds.normalize(opportunityId);
        List<Map<String, Object>> rows = new ArrayList<>();
        children(relationship, normalized == null ? opportunityId : normalized).forEach(row -> rows.add(values(row)));
        return rows;
    }

    /** A row's fields by API name, in the object's field order. */
    static Map<String, Object> values(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef field : row.schema().fields()) {
            values.put(field.name(), row.get(field));
        }
        return values;
    }
}

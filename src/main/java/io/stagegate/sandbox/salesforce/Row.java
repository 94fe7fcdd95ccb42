package io.stagegate.sandbox.salesforce;

import java.util.Arrays;
import java.util.Map;

/**
 * One version of a record: immutable, so a query result or a cursor can hold it while writers publish newer versions.
 * Values are the field types' Java values (see {@link FieldType.Kind}); {@code null} is an empty field.
 *
 * <p>An id or reference may be stored as its record number (a {@link Long}) instead of its 18-character text: the rows
 * there are many of (OpportunityHistory, OpportunityContactRole and their contacts) keep 16 bytes instead of 64 per id,
 * and {@link #get} writes the id when it is read, so nobody outside sees the difference.
 */
final class Row {
    private final ObjectSchema schema;
    private final Object[] values;

    private Row(ObjectSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    static Row of(ObjectSchema schema, Map<String, Object> values) {
        Object[] slots = new Object[schema.fields().size()];
        values.forEach((name, value) -> slots[schema.require(name).index()] = value);
        for (FieldDef field : schema.fields()) {
            if (field.type() == FieldType.BOOLEAN && slots[field.index()] == null) {
                slots[field.index()] = Boolean.FALSE;
            }
        }
        return new Row(schema, slots);
    }

    ObjectSchema schema() {
        return schema;
    }

    String id() {
        Object id = values[0];
        return id instanceof Long ? SalesforceIds.of(schema.keyPrefix(), (Long) id) : (String) id;
    }

    /** The record number in the id. */
    long number() {
        Object id = values[0];
        return id instanceof Long ? (Long) id : SalesforceIds.number((String) id);
    }

    Object get(FieldDef field) {
        Object value = values[field.index()];
        if (value instanceof Long) {
            String prefix = field.type() == FieldType.ID ? schema.keyPrefix() : SalesforceIds.prefixOf(field.referenceTo());
            return SalesforceIds.of(prefix, (Long) value);
        }
        return value;
    }

    Object get(String name) {
        return get(schema.require(name));
    }

    boolean isDeleted() {
        FieldDef deleted = schema.isDeleted();
        return deleted != null && Boolean.TRUE.equals(values[deleted.index()]);
    }

    /** A new version with {@code changes} applied; this one stays as it was. */
    Row with(Map<FieldDef, Object> changes) {
        Object[] copy = Arrays.copyOf(values, values.length);
        changes.forEach((field, value) -> copy[field.index()] = value);
        return new Row(schema, copy);
    }

    Row with(String name, Object value) {
        Object[] copy = Arrays.copyOf(values, values.length);
        copy[schema.require(name).index()] = value;
        return new Row(schema, copy);
    }
}

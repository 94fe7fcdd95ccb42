package io.stagegate.sandbox.salesforce;

import java.util.Arrays;
import java.util.Map;

/**
 * One version of a record: immutable, so a query result or a cursor can hold it while writers publish newer versions.
 * Values are the field types' Java values (see {@link FieldType.Kind}); {@code null} is an empty field.
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
        return (String) values[0];
    }

    Object get(FieldDef field) {
        return values[field.index()];
    }

    Object get(String name) {
        return values[schema.require(name).index()];
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

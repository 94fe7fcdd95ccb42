package io.stagegate.sandbox.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fields of one simulated sObject type; names resolve case-insensitively, as in Salesforce. */
final class ObjectSchema {
    /** A parent-to-child relationship such as Opportunity.OpportunityContactRoles. */
    record ChildRelationship(String name, String childObject, String field) {
    }

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final boolean updateable;
    private final List<FieldDef> fields;
    private final Map<String, FieldDef> byName;
    private final List<ChildRelationship> children;
    private final FieldDef isDeleted;
    private final FieldDef opportunityId;

    private ObjectSchema(Builder builder) {
        this.name = builder.name;
        this.label = builder.label;
        this.labelPlural = builder.labelPlural;
        this.keyPrefix = builder.keyPrefix;
        this.updateable = builder.updateable;
        this.fields = List.copyOf(builder.fields);
        this.children = List.copyOf(builder.children);
        Map<String, FieldDef> index = new HashMap<>();
        fields.forEach(field -> index.put(field.name().toLowerCase(Locale.ROOT), field));
        this.byName = Map.copyOf(index);
        this.isDeleted = byName.get("isdeleted");
        this.opportunityId = byName.get("opportunityid");
    }

    static Builder builder(String name, String label, String labelPlural, String keyPrefix) {
        return new Builder(name, label, labelPlural, keyPrefix);
    }

    String name() {
        return name;
    }

    String label() {
        return label;
    }

    String labelPlural() {
        return labelPlural;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    /** Whether records of this type can be updated through the API. */
    boolean updateable() {
        return updateable;
    }

    List<FieldDef> fields() {
        return fields;
    }

    List<ChildRelationship> children() {
        return children;
    }

    /** {@code IsDeleted}, or {@code null} for objects without a recycle bin. */
    FieldDef isDeleted() {
        return isDeleted;
    }

    /** {@code OpportunityId} of the objects that hang off an opportunity, else {@code null}. */
    FieldDef opportunityId() {
        return opportunityId;
    }

    /** The field called {@code name} in any case, or {@code null}. */
    FieldDef field(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    FieldDef require(String name) {
        FieldDef field = field(name);
        if (field == null) {
            throw new IllegalArgumentException("no field '" + name + "' on " + this.name);
        }
        return field;
    }

    /** The reference field whose relationship name is {@code relationship} (any case), or {@code null}. */
    FieldDef relationship(String relationship) {
        for (FieldDef field : fields) {
            if (field.relationshipName() != null && field.relationshipName().equalsIgnoreCase(relationship)) {
                return field;
            }
        }
        return null;
    }

    ChildRelationship child(String relationship) {
        for (ChildRelationship child : children) {
            if (child.name().equalsIgnoreCase(relationship)) {
                return child;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder {
        private final String name;
        private final String label;
        private final String labelPlural;
        private final String keyPrefix;
        private final List<FieldDef> fields = new ArrayList<>();
        private final List<ChildRelationship> children = new ArrayList<>();
        private boolean updateable;

        private Builder(String name, String label, String labelPlural, String keyPrefix) {
            this.name = name;
            this.label = label;
            this.labelPlural = labelPlural;
            this.keyPrefix = keyPrefix;
            add(new FieldDef(0, "Id", name + " ID", FieldType.ID, false, false, false, false, false, 18, 0, 0, List.of(), false, null, null));
        }

        Builder updateable() {
            this.updateable = true;
            return this;
        }

        /** A read-only field set by the system. */
        Builder system(String field, String label, FieldType type) {
            return add(plain(field, label, type, false, false, type == FieldType.BOOLEAN ? false : true, false));
        }

        /** A field computed from others (read-only, calculated in describe). */
        Builder calculated(String field, String label, FieldType type) {
            return add(plain(field, label, type, false, false, type != FieldType.BOOLEAN, true));
        }

        Builder writable(String field, String label, FieldType type, boolean nillable) {
            return add(plain(field, label, type, true, false, nillable, false));
        }

        Builder custom(String field, String label, FieldType type) {
            return add(plain(field, label, type, true, true, type != FieldType.BOOLEAN, false));
        }

        Builder text(String field, String label, int length, boolean writable, boolean nillable, boolean custom) {
            FieldType type = length > 255 ? FieldType.TEXTAREA : FieldType.STRING;
            return add(new FieldDef(fields.size(), field, label, type, custom, writable, writable, nillable, false, length, 0, 0,
                    List.of(), false, null, null));
        }

        Builder number(String field, String label, FieldType type, int precision, int scale, boolean writable, boolean calculated,
                boolean custom) {
            return add(new FieldDef(fields.size(), field, label, type, custom, writable, writable, true, calculated, 0, precision, scale,
                    List.of(), false, null, null));
        }

        Builder picklist(String field, String label, List<String> values, boolean restricted, boolean writable, boolean nillable,
                boolean custom) {
            return add(new FieldDef(fields.size(), field, label, FieldType.PICKLIST, custom, writable, writable, nillable, false, 255, 0, 0,
                    values, restricted, null, null));
        }

        Builder reference(String field, String label, String target, String relationship, boolean writable, boolean nillable) {
            return add(new FieldDef(fields.size(), field, label, FieldType.REFERENCE, false, writable, writable, nillable, false, 18, 0, 0,
                    List.of(), false, target, relationship));
        }

        Builder child(String relationship, String childObject, String field) {
            children.add(new ChildRelationship(relationship, childObject, field));
            return this;
        }

        ObjectSchema build() {
            return new ObjectSchema(this);
        }

        private FieldDef plain(String field, String label, FieldType type, boolean writable, boolean custom, boolean nillable,
                boolean calculated) {
            int length = type == FieldType.STRING ? 255 : 0;
            int precision = type == FieldType.DOUBLE || type == FieldType.CURRENCY ? 18 : type == FieldType.PERCENT ? 3 : 0;
            int scale = type == FieldType.CURRENCY ? 2 : 0;
            return new FieldDef(fields.size(), field, label, type, custom, writable, writable, nillable, calculated, length, precision,
                    scale, List.of(), false, null, null);
        }

        private Builder add(FieldDef field) {
            if (fields.stream().anyMatch(existing -> existing.name().equalsIgnoreCase(field.name()))) {
                throw new IllegalArgumentException("field " + field.name() + " is defined twice on " + name);
            }
            fields.add(field);
            return this;
        }
    }
}

package io.stagegate.sandbox.salesforce;

import java.util.List;
import java.util.Objects;

/**
 * One field of a simulated sObject, with what describe reports about it.
 *
 * @param index the field's slot in a {@link Row}
 * @param referenceTo the object a reference points to
 * @param relationshipName the name a SOQL path uses to reach the referenced record ({@code Owner} for OwnerId)
 * @param picklist the picklist values in describe order
 */
record FieldDef(int index, String name, String label, FieldType type, boolean custom, boolean updateable, boolean createable,
        boolean nillable, boolean calculated, int length, int precision, int scale, List<String> picklist, boolean restrictedPicklist,
        String referenceTo, String relationshipName) {

    FieldDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        picklist = List.copyOf(picklist);
    }

    /** Long text areas and values of any type can be neither filtered nor sorted on. */
    boolean filterable() {
        return type != FieldType.ANYTYPE && !(type == FieldType.TEXTAREA && length > 255);
    }

    boolean sortable() {
        return filterable();
    }
}

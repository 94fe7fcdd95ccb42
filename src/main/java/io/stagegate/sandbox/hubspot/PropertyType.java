package io.stagegate.sandbox.hubspot;

import java.util.List;
import java.util.Locale;

/** HubSpot property types with the field types each allows (properties API, hubspot.md §5). */
enum PropertyType {
    STRING(List.of("text", "textarea", "html", "phonenumber", "file", "calculation_equation")),
    NUMBER(List.of("number", "calculation_equation")),
    BOOL(List.of("booleancheckbox", "calculation_equation")),
    ENUMERATION(List.of("select", "radio", "checkbox", "booleancheckbox", "calculation_equation")),
    DATE(List.of("date")),
    DATETIME(List.of("date"));

    private final List<String> fieldTypes;

    PropertyType(List<String> fieldTypes) {
        this.fieldTypes = fieldTypes;
    }

    /** The name HubSpot writes in {@code type}. */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean allows(String fieldType) {
        return fieldTypes.contains(fieldType);
    }

    List<String> fieldTypes() {
        return fieldTypes;
    }

    /** The type called {@code name} in the API, or {@code null}. */
    static PropertyType byApiName(String name) {
        for (PropertyType type : values()) {
            if (type.apiName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}

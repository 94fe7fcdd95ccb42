package io.stagegate.sandbox.hubspot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A deal property of the simulated portal. {@code readOnlyValue} properties are refused on writes (HubSpot's
 * calculated and system properties); {@code externalOptions} enumerations (dealstage, pipeline, owner) take their
 * options from elsewhere and are validated there.
 */
record PropertyDefinition(
        String name,
        String label,
        PropertyType type,
        String fieldType,
        String groupName,
        String description,
        List<PropertyOption> options,
        int displayOrder,
        boolean calculated,
        boolean readOnlyValue,
        boolean hubspotDefined,
        boolean hasUniqueValue,
        boolean externalOptions,
        String numberDisplayHint,
        Instant createdAt) {

    PropertyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fieldType, "fieldType");
        Objects.requireNonNull(groupName, "groupName");
        description = description == null ? "" : description;
        options = List.copyOf(options);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A writable property defined by HubSpot. */
    static PropertyDefinition standard(String name, String label, PropertyType type, String fieldType, String group, int order, Instant at) {
        return new PropertyDefinition(name, label, type, fieldType, group, "", List.of(), order, false, false, true, false, false, null, at);
    }

    /** A read-only property HubSpot computes. */
    static PropertyDefinition calculated(String name, String label, PropertyType type, String fieldType, String group, int order, Instant at) {
        return new PropertyDefinition(name, label, type, fieldType, group, "", List.of(), order, true, true, true, false, false, null, at);
    }

    PropertyDefinition withOptions(List<PropertyOption> newOptions) {
        return new PropertyDefinition(name, label, type, fieldType, groupName, description, newOptions, displayOrder, calculated, readOnlyValue,
                hubspotDefined, hasUniqueValue, externalOptions, numberDisplayHint, createdAt);
    }

    PropertyDefinition readOnly() {
        return new PropertyDefinition(name, label, type, fieldType, groupName, description, options, displayOrder, calculated, true,
                hubspotDefined, hasUniqueValue, externalOptions, numberDisplayHint, createdAt);
    }

    PropertyDefinition withExternalOptions() {
        return new PropertyDefinition(name, label, type, fieldType, groupName, description, options, displayOrder, calculated, readOnlyValue,
                hubspotDefined, hasUniqueValue, true, numberDisplayHint, createdAt);
    }

    PropertyDefinition withNumberDisplayHint(String hint) {
        return new PropertyDefinition(name, label, type, fieldType, groupName, description, options, displayOrder, calculated, readOnlyValue,
                hubspotDefined, hasUniqueValue, externalOptions, hint, createdAt);
    }

    PropertyDefinition unique() {
        return new PropertyDefinition(name, label, type, fieldType, groupName, description, options, displayOrder, calculated, readOnlyValue,
                hubspotDefined, true, externalOptions, numberDisplayHint, createdAt);
    }

    boolean hasOption(String value) {
        for (PropertyOption option : options) {
            if (option.value().equals(value)) {
                return true;
            }
        }
        return false;
    }
}

package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON shapes of the properties API: {@code Property}, its modification metadata, groups and result lists. */
final class PropertyViews {
    private PropertyViews() {
    }

    record Results<T>(List<T> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PropertyView(String updatedAt, String createdAt, String name, String label, String type, String fieldType, String description,
            String groupName, List<PropertyOption> options, int displayOrder, boolean calculated, boolean externalOptions, boolean hasUniqueValue,
            boolean hidden, Boolean hubspotDefined, ModificationMetadata modificationMetadata, boolean formField, String dataSensitivity,
            String numberDisplayHint, String referencedObjectType) {
    }

    record ModificationMetadata(boolean archivable, boolean readOnlyDefinition, boolean readOnlyValue) {
    }

    static PropertyView view(PropertyDefinition definition) {
        String at = HubSpotTime.text(definition.createdAt());
        return new PropertyView(at, at, definition.name(), definition.label(), definition.type().apiName(), definition.fieldType(),
                definition.description(), definition.groupName(), definition.options(), definition.displayOrder(), definition.calculated(),
                definition.externalOptions(), definition.hasUniqueValue(), false, definition.hubspotDefined() ? Boolean.TRUE : null,
                new ModificationMetadata(!definition.hubspotDefined(), definition.hubspotDefined(), definition.readOnlyValue()),
                !definition.readOnlyValue(), "non_sensitive", definition.numberDisplayHint(), referencedObjectType(definition.name()));
    }

    private static String referencedObjectType(String name) {
        switch (name) {
            case "dealstage":
                return "PIPELINE_STAGE";
            case "pipeline":
                return "PIPELINE";
            case "hubspot_owner_id":
                return "OWNER";
            default:
                return null;
        }
    }
}

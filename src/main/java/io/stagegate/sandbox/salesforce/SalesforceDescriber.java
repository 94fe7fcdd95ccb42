package io.stagegate.sandbox.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The describe and sObject-list JSON of the simulated objects, with the keys real describe results carry. */
final class SalesforceDescriber {
    /** The master record type every org has. */
    static final String MASTER_RECORD_TYPE = "012000000000000AAA";

    private SalesforceDescriber() {
    }

    static Map<String, Object> describe(ObjectSchema object, SalesforceOrg org, String version) {
        boolean opportunity = object.name().equals(SalesforceSchema.OPPORTUNITY);
        Map<String, Object> describe = new LinkedHashMap<>();
        describe.put("actionOverrides", List.of());
        describe.put("activateable", false);
        describe.put("childRelationships", childRelationships(object));
        describe.put("compactLayoutable", opportunity);
        describe.put("createable", opportunity);
        describe.put("custom", false);
        describe.put("customSetting", false);
        describe.put("deepCloneable", false);
        describe.put("defaultImplementation", null);
        describe.put("deletable", opportunity);
        describe.put("deprecatedAndHidden", false);
        describe.put("extendedBy", null);
        describe.put("extendsInterfaces", null);
        describe.put("feedEnabled", opportunity);
        List<Map<String, Object>> fields = new ArrayList<>();
        object.fields().forEach(field -> fields.add(field(field)));
        describe.put("fields", fields);
        describe.put("hasSubtypes", false);
        describe.put("implementedBy", null);
        describe.put("implementsInterfaces", null);
        describe.put("isInterface", false);
        describe.put("isSubtype", false);
        describe.put("keyPrefix", object.keyPrefix());
        describe.put("label", object.label());
        describe.put("labelPlural", object.labelPlural());
        describe.put("layoutable", opportunity);
        describe.put("listviewable", null);
        describe.put("lookupLayoutable", null);
        describe.put("mergeable", false);
        describe.put("mruEnabled", opportunity);
        describe.put("name", object.name());
        describe.put("namedLayoutInfos", List.of());
        describe.put("networkScopeFieldName", null);
        describe.put("queryable", true);
        describe.put("recordTypeInfos", opportunity ? recordTypes(org, version) : List.of(masterRecordType(version, true)));
        describe.put("replicateable", true);
        describe.put("retrieveable", true);
        describe.put("searchLayoutable", opportunity);
        describe.put("searchable", opportunity);
        describe.put("sobjectDescribeOption", "FULL");
        describe.put("supportedScopes", List.of(scope("everything", "All opportunities"), scope("mine", "My opportunities")));
        describe.put("triggerable", opportunity);
        describe.put("undeletable", opportunity);
        describe.put("updateable", object.updateable());
        describe.put("urls", urls(object, version, true));
        return describe;
    }

    /** One entry of {@code GET /sobjects}. */
    static Map<String, Object> summary(ObjectSchema object, String version) {
        boolean opportunity = object.name().equals(SalesforceSchema.OPPORTUNITY);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("activateable", false);
        summary.put("createable", opportunity);
        summary.put("custom", false);
        summary.put("customSetting", false);
        summary.put("deepCloneable", false);
        summary.put("deletable", opportunity);
        summary.put("deprecatedAndHidden", false);
        summary.put("feedEnabled", opportunity);
        summary.put("hasSubtypes", false);
        summary.put("isInterface", false);
        summary.put("isSubtype", false);
        summary.put("keyPrefix", object.keyPrefix());
        summary.put("label", object.label());
        summary.put("labelPlural", object.labelPlural());
        summary.put("layoutable", opportunity);
        summary.put("mergeable", false);
        summary.put("mruEnabled", opportunity);
        summary.put("name", object.name());
        summary.put("queryable", true);
        summary.put("replicateable", true);
        summary.put("retrieveable", true);
        summary.put("searchable", opportunity);
        summary.put("triggerable", opportunity);
        summary.put("undeletable", opportunity);
        summary.put("updateable", object.updateable());
        summary.put("urls", urls(object, version, false));
        return summary;
    }

    private static Map<String, Object> field(FieldDef field) {
        boolean text = field.type().kind() == FieldType.Kind.TEXT || field.type().kind() == FieldType.Kind.ID;
        Map<String, Object> describe = new LinkedHashMap<>();
        describe.put("aggregatable", field.filterable() && field.type() != FieldType.BOOLEAN);
        describe.put("aiPredictionField", false);
        describe.put("autoNumber", false);
        describe.put("byteLength", text ? field.length() * 3 : 0);
        describe.put("calculated", field.calculated());
        describe.put("calculatedFormula", null);
        describe.put("cascadeDelete", false);
        describe.put("caseSensitive", false);
        describe.put("compoundFieldName", null);
        describe.put("controllerName", null);
        describe.put("createable", field.createable());
        describe.put("custom", field.custom());
        describe.put("defaultValue", field.type() == FieldType.BOOLEAN && field.custom() ? Boolean.FALSE : null);
        describe.put("defaultValueFormula", null);
        describe.put("defaultedOnCreate", field.type() == FieldType.BOOLEAN || !field.updateable() && !field.name().equals("Id") ? true : false);
        describe.put("dependentPicklist", false);
        describe.put("deprecatedAndHidden", false);
        describe.put("digits", field.type() == FieldType.INT ? field.precision() : 0);
        describe.put("displayLocationInDecimal", false);
        describe.put("encrypted", false);
        describe.put("externalId", false);
        describe.put("extraTypeInfo", field.type() == FieldType.TEXTAREA ? "plaintextarea" : null);
        describe.put("filterable", field.filterable());
        describe.put("filteredLookupInfo", null);
        describe.put("formulaTreatNullNumberAsZero", false);
        describe.put("groupable", field.filterable() && field.type().kind() != FieldType.Kind.NUMBER && field.type() != FieldType.DATETIME);
        describe.put("highScaleNumber", false);
        describe.put("htmlFormatted", false);
        describe.put("idLookup", field.name().equals("Id"));
        describe.put("inlineHelpText", null);
        describe.put("label", field.label());
        describe.put("length", text ? field.length() : 0);
        describe.put("mask", null);
        describe.put("maskType", null);
        describe.put("name", field.name());
        describe.put("nameField", field.name().equals("Name"));
        describe.put("namePointing", false);
        describe.put("nillable", field.nillable());
        describe.put("permissionable", field.custom());
        describe.put("picklistValues", picklistValues(field));
        describe.put("polymorphicForeignKey", false);
        describe.put("precision", field.type().kind() == FieldType.Kind.NUMBER && field.type() != FieldType.INT ? field.precision() : 0);
        describe.put("queryByDistance", false);
        describe.put("referenceTargetField", null);
        describe.put("referenceTo", field.referenceTo() == null ? List.of() : List.of(field.referenceTo()));
        describe.put("relationshipName", field.relationshipName());
        describe.put("relationshipOrder", null);
        describe.put("restrictedDelete", false);
        describe.put("restrictedPicklist", field.restrictedPicklist());
        describe.put("scale", field.type().kind() == FieldType.Kind.NUMBER ? field.scale() : 0);
        describe.put("searchPrefilterable", false);
        describe.put("soapType", field.type().soapType());
        describe.put("sortable", field.sortable());
        describe.put("type", field.type().describeName());
        describe.put("unique", false);
        describe.put("updateable", field.updateable());
        describe.put("writeRequiresMasterRead", false);
        return describe;
    }

    private static List<Map<String, Object>> picklistValues(FieldDef field) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (String value : field.picklist()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("active", true);
            entry.put("defaultValue", false);
            entry.put("label", value);
            entry.put("validFor", null);
            entry.put("value", value);
            values.add(entry);
        }
        return values;
    }

    private static List<Map<String, Object>> childRelationships(ObjectSchema object) {
        List<Map<String, Object>> children = new ArrayList<>();
        for (ObjectSchema.ChildRelationship child : object.children()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cascadeDelete", true);
            entry.put("childSObject", child.childObject());
            entry.put("deprecatedAndHidden", false);
            entry.put("field", child.field());
            entry.put("junctionIdListNames", List.of());
            entry.put("junctionReferenceTo", List.of());
            entry.put("relationshipName", child.name());
            entry.put("restrictedDelete", false);
            children.add(entry);
        }
        return children;
    }

    private static List<Map<String, Object>> recordTypes(SalesforceOrg org, String version) {
        List<Map<String, Object>> infos = new ArrayList<>();
        org.read(view -> {
            boolean first = true;
            for (Row row : view.rows(org.schema().require(SalesforceSchema.RECORD_TYPE))) {
                infos.add(recordType(row.id(), (String) row.get("Name"), (String) row.get("DeveloperName"), false, first, version));
                first = false;
            }
            return null;
        });
        infos.add(masterRecordType(version, false));
        return infos;
    }

    private static Map<String, Object> masterRecordType(String version, boolean isDefault) {
        return recordType(MASTER_RECORD_TYPE, "Master", "Master", true, isDefault, version);
    }

    private static Map<String, Object> recordType(String id, String name, String developerName, boolean master, boolean isDefault, String version) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("active", true);
        info.put("available", true);
        info.put("defaultRecordTypeMapping", isDefault);
        info.put("developerName", developerName);
        info.put("master", master);
        info.put("name", name);
        info.put("recordTypeId", id);
        info.put("urls", Map.of("layout", "/services/data/" + version + "/sobjects/Opportunity/describe/layouts/" + id));
        return info;
    }

    private static Map<String, Object> scope(String name, String label) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("label", label);
        scope.put("name", name);
        return scope;
    }

    private static Map<String, Object> urls(ObjectSchema object, String version, boolean full) {
        String base = "/services/data/" + version + "/sobjects/" + object.name();
        Map<String, Object> urls = new LinkedHashMap<>();
        if (full) {
            urls.put("uiEditTemplate", null);
            urls.put("sobject", base);
            urls.put("uiDetailTemplate", null);
            urls.put("describe", base + "/describe");
            urls.put("rowTemplate", base + "/{ID}");
            urls.put("uiNewRecord", null);
        } else {
            urls.put("rowTemplate", base + "/{ID}");
            urls.put("describe", base + "/describe");
            urls.put("sobject", base);
        }
        return urls;
    }
}

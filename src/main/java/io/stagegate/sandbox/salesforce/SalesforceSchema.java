package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated org's object model: Opportunity with the playbook's criteria fields (typed by the rules that read them)
 * and Stagegate's output fields, and the read-only objects around it.
 */
final class SalesforceSchema {
    static final String OPPORTUNITY = "Opportunity";
    static final String OPPORTUNITY_HISTORY = "OpportunityHistory";
    static final String OPPORTUNITY_FIELD_HISTORY = "OpportunityFieldHistory";
    /** Salesforce tracks the history of at most 20 fields per object (60 with Field Audit Trail, not simulated). */
    static final int MAX_TRACKED_FIELDS = 20;
    /** The Field value of the row written when an opportunity is created. */
    static final String CREATED = "created";
    /** Standard fields whose history the org tracks, before the playbook's criteria fields. */
    private static final List<String> TRACKED_STANDARD = List.of("StageName", "Amount", "CloseDate");
    static final String OPPORTUNITY_STAGE = "OpportunityStage";
    static final String OPPORTUNITY_CONTACT_ROLE = "OpportunityContactRole";
    static final String RECORD_TYPE = "RecordType";
    static final String USER = "User";

    static final List<String> FORECAST_CATEGORY_NAMES = List.of("Omitted", "Pipeline", "Best Case", "Commit", "Closed");
    /** The legacy ForecastCategory picklist's values, in the order of {@link #FORECAST_CATEGORY_NAMES}. */
    static final List<String> FORECAST_CATEGORIES = List.of("Omitted", "Pipeline", "BestCase", "Forecast", "Closed");
    static final List<String> CONTACT_ROLES = List.of("Business User", "Decision Maker", "Economic Buyer", "Economic Decision Maker",
            "Evaluator", "Executive Sponsor", "Influencer", "Technical Buyer", "Other");
    private static final List<String> DATA_TYPES = List.of("Boolean", "Currency", "Date", "DateTime", "Double", "DynamicEnum", "EntityId",
            "Percent", "Text");
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY");

    private final Map<String, ObjectSchema> objects = new LinkedHashMap<>();
    private final List<String> trackedFields;

    private SalesforceSchema(Playbook playbook) {
        List<String> stages = stageValues(playbook);
        Set<String> currencies = new LinkedHashSet<>(CURRENCIES);
        currencies.add(playbook.currency());
        put(opportunity(playbook, stages, List.copyOf(currencies)));
        put(history(stages, List.copyOf(currencies)));
        this.trackedFields = trackedFields(playbook);
        put(fieldHistory(trackedFields));
        put(stage());
        put(contactRole());
        put(recordType());
        put(user());
    }

    static SalesforceSchema of(Playbook playbook) {
        return new SalesforceSchema(playbook);
    }

    /** The object called {@code name} in any case, or {@code null}. */
    ObjectSchema object(String name) {
        for (ObjectSchema schema : objects.values()) {
            if (schema.name().equalsIgnoreCase(name)) {
                return schema;
            }
        }
        return null;
    }

    ObjectSchema require(String name) {
        ObjectSchema schema = object(name);
        if (schema == null) {
            throw new IllegalArgumentException("no object " + name);
        }
        return schema;
    }

    List<ObjectSchema> objects() {
        return List.copyOf(objects.values());
    }

    /**
     * The Opportunity fields with history tracking on, as OpportunityFieldHistory's {@code Field} picklist lists them:
     * StageName, Amount and CloseDate, then the playbook's criteria fields in playbook order, up to Salesforce's 20.
     * Criteria fields past the cap have no history (a backtest cannot rebuild them).
     */
    List<String> trackedFields() {
        return trackedFields;
    }

    boolean tracked(String field) {
        return trackedFields.contains(field);
    }

    private static List<String> trackedFields(Playbook playbook) {
        List<String> tracked = new ArrayList<>(TRACKED_STANDARD);
        for (String field : criteriaFields(playbook).keySet()) {
            if (tracked.size() < MAX_TRACKED_FIELDS && !tracked.contains(field)) {
                tracked.add(field);
            }
        }
        return List.copyOf(tracked);
    }

    /** Every CRM stage value of every pipeline, in journey order, each once. */
    static List<String> stageValues(Playbook playbook) {
        Set<String> values = new LinkedHashSet<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            pipeline.stages().forEach(stage -> stage.crmStages().forEach(crmStage -> values.add(crmStage.value())));
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            pipeline.won().crmStages().forEach(crmStage -> values.add(crmStage.value()));
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            pipeline.lost().crmStages().forEach(crmStage -> values.add(crmStage.value()));
        }
        return List.copyOf(values);
    }

    private void put(ObjectSchema schema) {
        objects.put(schema.name(), schema);
    }

    private static ObjectSchema opportunity(Playbook playbook, List<String> stages, List<String> currencies) {
        ObjectSchema.Builder opportunity = ObjectSchema.builder(OPPORTUNITY, "Opportunity", "Opportunities", SalesforceIds.OPPORTUNITY)
                .updateable()
                .system("IsDeleted", "Deleted", FieldType.BOOLEAN)
                .reference("RecordTypeId", "Record Type ID", RECORD_TYPE, "RecordType", true, true)
                .text("Name", "Name", 120, true, false, false)
                .picklist("StageName", "Stage", stages, true, true, false, false)
                .number("Amount", "Amount", FieldType.CURRENCY, 18, 2, true, false, false)
                .number("Probability", "Probability (%)", FieldType.PERCENT, 3, 0, true, false, false)
                .number("ExpectedRevenue", "Expected Amount", FieldType.CURRENCY, 18, 2, false, true, false)
                .writable("CloseDate", "Close Date", FieldType.DATE, false)
                .calculated("IsClosed", "Closed", FieldType.BOOLEAN)
                .calculated("IsWon", "Won", FieldType.BOOLEAN)
                .picklist("ForecastCategory", "Forecast Category", FORECAST_CATEGORIES, true, false, false, false)
                .picklist("ForecastCategoryName", "Forecast Category", FORECAST_CATEGORY_NAMES, true, false, true, false)
                .picklist("CurrencyIsoCode", "Opportunity Currency", currencies, true, true, false, false)
                .system("HasOpportunityLineItem", "Has Line Item", FieldType.BOOLEAN)
                .reference("OwnerId", "Owner ID", USER, "Owner", true, false)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .reference("CreatedById", "Created By ID", USER, "CreatedBy", false, false)
                .system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME)
                .reference("LastModifiedById", "Last Modified By ID", USER, "LastModifiedBy", false, false)
                .system("SystemModstamp", "System Modstamp", FieldType.DATETIME)
                .system("LastStageChangeDate", "Last Stage Change Date", FieldType.DATETIME)
                .child("OpportunityContactRoles", OPPORTUNITY_CONTACT_ROLE, "OpportunityId")
                .child("OpportunityHistories", OPPORTUNITY_HISTORY, "OpportunityId")
                .child("Histories", OPPORTUNITY_FIELD_HISTORY, "OpportunityId");
        criteriaFields(playbook).forEach((name, type) -> addCustom(opportunity, name, type));
        outputFields(playbook, opportunity);
        return opportunity.build();
    }

    private static void addCustom(ObjectSchema.Builder opportunity, String name, FieldType type) {
        String label = labelOf(name);
        switch (type) {
            case STRING:
                opportunity.text(name, label, 255, true, true, true);
                break;
            case DOUBLE:
                opportunity.number(name, label, FieldType.DOUBLE, 18, 2, true, false, true);
                break;
            default:
                opportunity.custom(name, label, type);
        }
    }

    private static void outputFields(Playbook playbook, ObjectSchema.Builder opportunity) {
        for (OutputField output : OutputField.values()) {
            String name = playbook.outputField(output);
            String label = labelOf(name);
            switch (output) {
                case QUALIFIED_PROBABILITY:
                    opportunity.number(name, label, FieldType.PERCENT, 5, 2, true, false, true);
                    break;
                case QUALIFIED_FORECAST_AMOUNT:
                    opportunity.number(name, label, FieldType.CURRENCY, 18, 2, true, false, true);
                    break;
                case QUALIFIED_FORECAST_CATEGORY:
                    opportunity.picklist(name, label, categoryNames(), true, true, true, true);
                    break;
                case OVER_STAGED:
                case STAGE_SKIP:
                    opportunity.custom(name, label, FieldType.BOOLEAN);
                    break;
                case SKIPPED_CRITERIA_DETAIL:
                    opportunity.text(name, label, 32_768, true, true, true);
                    break;
                default:
                    opportunity.text(name, label, 255, true, true, true);
            }
        }
    }

    private static List<String> categoryNames() {
        List<String> names = new ArrayList<>();
        for (ForecastCategory category : ForecastCategory.values()) {
            names.add(io.stagegate.playbook.CrmDialects.SALESFORCE.forecastCategory(category));
        }
        return names;
    }

    /** Each criteria field with the type the rules reading it need; a field read only by an expression is text. */
    static Map<String, FieldType> criteriaFields(Playbook playbook) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    collect(criterion.rule(), types);
                }
            }
        }
        for (String field : playbook.criteriaFields()) {
            types.putIfAbsent(field, FieldType.STRING);
        }
        return types;
    }

    private static void collect(Rule rule, Map<String, FieldType> types) {
        if (rule instanceof Rule.CheckboxTrue) {
            types.putIfAbsent(((Rule.CheckboxTrue) rule).field(), FieldType.BOOLEAN);
        } else if (rule instanceof Rule.DatePresent) {
            types.putIfAbsent(((Rule.DatePresent) rule).field(), FieldType.DATE);
        } else if (rule instanceof Rule.DateInPast) {
            types.putIfAbsent(((Rule.DateInPast) rule).field(), FieldType.DATE);
        } else if (rule instanceof Rule.DateNotOlderThan) {
            types.putIfAbsent(((Rule.DateNotOlderThan) rule).field(), FieldType.DATE);
        } else if (rule instanceof Rule.DateTodayOrLater) {
            types.putIfAbsent(((Rule.DateTodayOrLater) rule).field(), FieldType.DATE);
        } else if (rule instanceof Rule.NumberAtLeast) {
            types.putIfAbsent(((Rule.NumberAtLeast) rule).field(), FieldType.DOUBLE);
        } else if (rule instanceof Rule.TextPresent) {
            types.putIfAbsent(((Rule.TextPresent) rule).field(), FieldType.STRING);
        } else if (rule instanceof Rule.ValueIn) {
            types.putIfAbsent(((Rule.ValueIn) rule).field(), FieldType.STRING);
        } else if (rule instanceof Rule.AllOf) {
            ((Rule.AllOf) rule).rules().forEach(part -> collect(part, types));
        } else if (rule instanceof Rule.AnyOf) {
            ((Rule.AnyOf) rule).rules().forEach(part -> collect(part, types));
        }
    }

    /** {@code Next_Step_Date__c} → {@code Next Step Date}. */
    static String labelOf(String apiName) {
        String base = apiName.endsWith("__c") ? apiName.substring(0, apiName.length() - 3) : apiName;
        return base.replace('_', ' ').trim();
    }

    private static ObjectSchema history(List<String> stages, List<String> currencies) {
        return ObjectSchema.builder(OPPORTUNITY_HISTORY, "Opportunity History", "Opportunity History", SalesforceIds.OPPORTUNITY_HISTORY)
                .reference("OpportunityId", "Opportunity ID", OPPORTUNITY, "Opportunity", false, false)
                .reference("CreatedById", "Created By ID", USER, "CreatedBy", false, false)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .picklist("StageName", "Stage", stages, true, false, false, false)
                .number("Amount", "Amount", FieldType.CURRENCY, 18, 2, false, false, false)
                .number("ExpectedRevenue", "Expected Revenue", FieldType.CURRENCY, 18, 2, false, false, false)
                .system("CloseDate", "Close Date", FieldType.DATE)
                .number("Probability", "Probability (%)", FieldType.PERCENT, 3, 0, false, false, false)
                .picklist("ForecastCategory", "Forecast Category", FORECAST_CATEGORIES, true, false, true, false)
                .number("PrevAmount", "Previous Amount", FieldType.CURRENCY, 18, 2, false, false, false)
                .system("PrevCloseDate", "Previous Close Date", FieldType.DATE)
                .picklist("CurrencyIsoCode", "Currency ISO Code", currencies, true, false, false, false)
                .system("SystemModstamp", "System Modstamp", FieldType.DATETIME)
                .system("IsDeleted", "Deleted", FieldType.BOOLEAN)
                .build();
    }

    /** Field history: one row per change of a tracked field, and one ({@code Field = created}) per new opportunity. */
    private static ObjectSchema fieldHistory(List<String> tracked) {
        List<String> fields = new ArrayList<>(tracked);
        fields.add(CREATED);
        return ObjectSchema.builder(OPPORTUNITY_FIELD_HISTORY, "Opportunity Field History", "Opportunity Field History",
                        SalesforceIds.OPPORTUNITY_FIELD_HISTORY)
                .reference("OpportunityId", "Opportunity ID", OPPORTUNITY, "Opportunity", false, false)
                .reference("CreatedById", "Created By ID", USER, "CreatedBy", false, false)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .picklist("Field", "Changed Field", fields, true, false, false, false)
                .picklist("DataType", "Data Type", DATA_TYPES, true, false, true, false)
                .system("OldValue", "Old Value", FieldType.ANYTYPE)
                .system("NewValue", "New Value", FieldType.ANYTYPE)
                .system("IsDeleted", "Deleted", FieldType.BOOLEAN)
                .build();
    }

    /** OpportunityFieldHistory's DataType of a tracked field (the names Salesforce's field types go by there; verify). */
    static String dataType(FieldDef field) {
        switch (field.type()) {
            case PICKLIST:
                return "DynamicEnum";
            case CURRENCY:
                return "Currency";
            case PERCENT:
                return "Percent";
            case DOUBLE:
            case INT:
                return "Double";
            case DATE:
                return "Date";
            case DATETIME:
                return "DateTime";
            case BOOLEAN:
                return "Boolean";
            case REFERENCE:
                return "EntityId";
            default:
                return "Text";
        }
    }

    private static ObjectSchema stage() {
        return ObjectSchema.builder(OPPORTUNITY_STAGE, "Opportunity Stage", "Opportunity Stages", SalesforceIds.OPPORTUNITY_STAGE)
                .text("MasterLabel", "Master Label", 255, false, false, false)
                .text("ApiName", "Api Name", 255, false, false, false)
                .system("IsActive", "Active", FieldType.BOOLEAN)
                .number("SortOrder", "Sort Order", FieldType.INT, 9, 0, false, false, false)
                .system("IsClosed", "Closed", FieldType.BOOLEAN)
                .system("IsWon", "Won", FieldType.BOOLEAN)
                .picklist("ForecastCategory", "Forecast Type", FORECAST_CATEGORIES, true, false, false, false)
                .picklist("ForecastCategoryName", "Forecast Category", FORECAST_CATEGORY_NAMES, true, false, true, false)
                .number("DefaultProbability", "Probability (%)", FieldType.PERCENT, 3, 0, false, false, false)
                .text("Description", "Description", 255, false, true, false)
                .reference("CreatedById", "Created By ID", USER, "CreatedBy", false, false)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .reference("LastModifiedById", "Last Modified By ID", USER, "LastModifiedBy", false, false)
                .system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME)
                .system("SystemModstamp", "System Modstamp", FieldType.DATETIME)
                .build();
    }

    private static ObjectSchema contactRole() {
        return ObjectSchema.builder(OPPORTUNITY_CONTACT_ROLE, "Opportunity Contact Role", "Opportunity Contact Role",
                        SalesforceIds.OPPORTUNITY_CONTACT_ROLE)
                .reference("OpportunityId", "Opportunity ID", OPPORTUNITY, "Opportunity", false, false)
                .reference("ContactId", "Contact ID", "Contact", "Contact", false, false)
                .picklist("Role", "Role", CONTACT_ROLES, false, false, true, false)
                .system("IsPrimary", "Primary", FieldType.BOOLEAN)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .reference("CreatedById", "Created By ID", USER, "CreatedBy", false, false)
                .system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME)
                .reference("LastModifiedById", "Last Modified By ID", USER, "LastModifiedBy", false, false)
                .system("SystemModstamp", "System Modstamp", FieldType.DATETIME)
                .system("IsDeleted", "Deleted", FieldType.BOOLEAN)
                .build();
    }

    private static ObjectSchema recordType() {
        return ObjectSchema.builder(RECORD_TYPE, "Record Type", "Record Types", SalesforceIds.RECORD_TYPE)
                .text("Name", "Record Type Label", 80, false, false, false)
                .text("DeveloperName", "Record Type Name", 80, false, false, false)
                .text("NamespacePrefix", "Namespace Prefix", 15, false, true, false)
                .text("Description", "Description", 255, false, true, false)
                .picklist("SobjectType", "SObject Type Name", List.of(OPPORTUNITY), true, false, false, false)
                .system("IsActive", "Active", FieldType.BOOLEAN)
                .reference("CreatedById", "Created By ID", USER, "CreatedBy", false, false)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .reference("LastModifiedById", "Last Modified By ID", USER, "LastModifiedBy", false, false)
                .system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME)
                .system("SystemModstamp", "System Modstamp", FieldType.DATETIME)
                .build();
    }

    private static ObjectSchema user() {
        return ObjectSchema.builder(USER, "User", "Users", SalesforceIds.USER)
                .text("Username", "Username", 80, false, false, false)
                .text("Name", "Full Name", 121, false, false, false)
                .text("FirstName", "First Name", 40, false, true, false)
                .text("LastName", "Last Name", 80, false, false, false)
                .text("Email", "Email", 128, false, false, false)
                .system("IsActive", "Active", FieldType.BOOLEAN)
                .picklist("UserType", "User Type", List.of("Standard"), true, false, true, false)
                .system("CreatedDate", "Created Date", FieldType.DATETIME)
                .system("LastModifiedDate", "Last Modified Date", FieldType.DATETIME)
                .system("SystemModstamp", "System Modstamp", FieldType.DATETIME)
                .build();
    }

    static String forecastCategoryOf(String forecastCategoryName) {
        int index = FORECAST_CATEGORY_NAMES.indexOf(forecastCategoryName);
        return index < 0 ? null : FORECAST_CATEGORIES.get(index);
    }
}

package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.playbook.StandardField;
import io.stagegate.criteria.Crm;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * What the connector reads for one playbook in one org: the fields to select (standard fields the org has, the
 * playbook's criteria and output fields, nothing else), the related-record counts, and how a returned record becomes a
 * {@link CrmOpportunity}.
 */
final class OpportunityQuery {
    /** Standard fields every org has. */
    static final List<String> ALWAYS = List.of("Id", "IsDeleted", "SystemModstamp", "StageName", "Amount", "CloseDate", "OwnerId");
    /** Standard fields that exist only in some orgs: record types, multi-currency, recent API versions. */
    static final List<String> WHEN_PRESENT = List.of("RecordTypeId", "CurrencyIsoCode", "LastStageChangeDate");

    private final OpportunitySchema schema;
    private final SoqlBuilder soql;
    private final List<String> mappedFields;
    private final List<String> relations;
    private final Map<String, String> pipelineByRecordType;

    private OpportunityQuery(OpportunitySchema schema, SoqlBuilder soql, List<String> mappedFields, List<String> relations,
                             Map<String, String> pipelineByRecordType) {
        this.schema = schema;
        this.soql = soql;
        this.mappedFields = mappedFields;
        this.relations = relations;
        this.pipelineByRecordType = pipelineByRecordType;
    }

    /** Refuses (Fatal) when a mapped field or relation is not visible to the integration user: the query would fail anyway. */
    static OpportunityQuery of(Playbook playbook, OpportunitySchema schema) {
        // Sorted: the playbook's field sets have no stable order, and the query text should not change between runs.
        Set<String> mapped = new LinkedHashSet<>(new TreeSet<>(playbook.criteriaFields()));
        for (OutputField output : OutputField.values()) {
            mapped.add(playbook.outputField(output));
        }
        List<String> select = new ArrayList<>(ALWAYS);
        WHEN_PRESENT.stream().filter(schema::has).forEach(select::add);
        select.addAll(mapped);
        StringJoiner missing = new StringJoiner(", ");
        select.stream().filter(field -> !schema.has(field)).forEach(missing::add);
        List<String> relations = new ArrayList<>(new TreeSet<>(playbook.criteriaRelations()));
        relations.stream().filter(relation -> !schema.hasChildRelationship(relation)).forEach(relation -> missing.add("relation " + relation));
        if (missing.length() > 0) {
            throw new CrmException.Fatal("Opportunity has no " + missing + " for the integration user: the fields are missing or hidden by "
                    + "field-level security. Deploy deploy/salesforce, assign the Stagegate_Integration permission set, or fix the playbook; "
                    + "the setup validation lists every problem", "INVALID_FIELD", null);
        }
        SoqlBuilder soql = new SoqlBuilder("Opportunity", select, relations);
        return new OpportunityQuery(schema, soql, List.copyOf(mapped), List.copyOf(relations), pipelines(playbook, schema));
    }

    /** Record type id (18 and 15 characters) to the value the playbook uses for it: the id itself or a developer name. */
    private static Map<String, String> pipelines(Playbook playbook, OpportunitySchema schema) {
        Map<String, String> byId = new HashMap<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (String value : pipeline.crmPipelines()) {
                schema.recordType(value).ifPresent(recordType -> {
                    String id = recordType.recordTypeId();
                    byId.putIfAbsent(id, value);
                    byId.putIfAbsent(id.substring(0, Math.min(15, id.length())), value);
                });
                byId.putIfAbsent(value, value);
            }
        }
        return byId;
    }

    SoqlBuilder soql() {
        return soql;
    }

    /** Identifies the selected columns: a query locator is reused only for the same columns. */
    String signature() {
        return String.join(",", soql.fields()) + "|" + String.join(",", relations);
    }

    CrmOpportunity read(JsonNode record, List<StageChange> history) {
        String id = record.path("Id").asText();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : mappedFields) {
            fields.put(field, SalesforceValues.typed(record.get(field), schema.typeOf(field)));
        }
        Map<String, Integer> related = new LinkedHashMap<>();
        for (String relation : relations) {
            JsonNode children = record.get(relation);
            related.put(relation, children == null || children.isNull() ? 0 : children.path("totalSize").asInt(0));
        }
        JsonNode stageChanged = record.get(StandardField.STAGE_ENTERED.apiName(Crm.SALESFORCE));
        return new CrmOpportunity(
                id,
                pipeline(SalesforceValues.text(record.get("RecordTypeId"))),
                SalesforceValues.text(record.get("StageName")),
                SalesforceValues.number(record.get("Amount")),
                SalesforceValues.text(record.get("CurrencyIsoCode")),
                SalesforceValues.date(record.get("CloseDate")),
                SalesforceValues.text(record.get("OwnerId")),
                stageChanged == null || stageChanged.isNull() ? null : SalesforceValues.date(stageChanged),
                SalesforceValues.instant(record.get("SystemModstamp")),
                record.path("IsDeleted").asBoolean(false),
                fields,
                related,
                history);
    }

    private String pipeline(String recordTypeId) {
        if (recordTypeId == null) {
            return null;
        }
        String value = pipelineByRecordType.get(recordTypeId);
        if (value == null && recordTypeId.length() == 18) {
            value = pipelineByRecordType.get(recordTypeId.substring(0, 15));
        }
        return value == null ? recordTypeId : value;
    }

    /** Groups OpportunityHistory rows (ordered by opportunity, then time) into stage changes, dropping rows that did not change the stage. */
    static Map<String, List<StageChange>> history(List<JsonNode> rows) {
        Map<String, List<StageChange>> byOpportunity = new HashMap<>();
        for (JsonNode row : rows) {
            String stage = SalesforceValues.text(row.get("StageName"));
            if (stage == null || row.path("CreatedDate").isNull() || row.path("CreatedDate").isMissingNode()) {
                continue;
            }
            List<StageChange> changes = byOpportunity.computeIfAbsent(row.path("OpportunityId").asText(), key -> new ArrayList<>());
            if (changes.isEmpty() || !changes.get(changes.size() - 1).stage().equals(stage)) {
                changes.add(new StageChange(stage, SalesforceValues.instant(row.get("CreatedDate"))));
            }
        }
        return byOpportunity;
    }
}

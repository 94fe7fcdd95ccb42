package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The org's setup: the OpportunityStage rows the playbook's stages make, the two record types, the integration user
 * and a user for each rep who owns a deal. Not thread-safe: the org's lock guards it.
 */
final class OrgCatalog {
    static final String NEW_BUSINESS = "New_Business";
    static final String RENEWAL = "Renewal";

    private final Playbook playbook;
    private final SalesforceSchema schema;
    private final OrgStore store;
    private final String integrationUserId;
    private final String integrationUsername;
    private final Instant metadataModified;
    private final Map<String, StageInfo> stages = new LinkedHashMap<>();
    private final Map<String, String> usersByRep = new HashMap<>();
    private final Map<String, String> recordTypesByName = new LinkedHashMap<>();
    private long nextUser = 2;

    OrgCatalog(Playbook playbook, SalesforceSchema schema, OrgStore store, String integrationUserId, String integrationUsername, Instant metadataModified) {
        this.playbook = playbook;
        this.schema = schema;
        this.store = store;
        this.integrationUserId = integrationUserId;
        this.integrationUsername = integrationUsername;
        this.metadataModified = metadataModified;
        indexStages();
        setUpMetadata();
    }

    /** What a stage implies, or {@code null} when it is no OpportunityStage of the playbook. */
    StageInfo stage(String value) {
        return stages.get(value);
    }

    /** The id of the record type with this developer name. */
    String recordTypeId(String developerName) {
        return recordTypesByName.get(developerName);
    }

    boolean isRecordTypeId(String id) {
        return recordTypesByName.containsValue(id);
    }

    String userOfRep(String repId) {
        return usersByRep.get(repId);
    }

    /** Removes every rep's user (the integration user stays) and starts their numbering over. */
    void forgetRepUsers() {
        OrgTable users = store.table(SalesforceIds.USER);
        usersByRep.values().forEach(id -> users.remove(users.get(id)));
        usersByRep.clear();
        nextUser = 2;
    }

    /** The user of a rep, made on first use. */
    String userFor(Rep rep) {
        String existing = usersByRep.get(rep.id());
        if (existing != null) {
            return existing;
        }
        String id = SalesforceIds.of(SalesforceIds.USER, nextUser++);
        String domain = integrationUsername.contains("@") ? integrationUsername.substring(integrationUsername.indexOf('@') + 1) : "stagegate.sandbox";
        String login = rep.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", ".") + "@" + domain;
        addUser(id, login, rep.name());
        usersByRep.put(rep.id(), id);
        return id;
    }

    private void addUser(String id, String username, String name) {
        int space = name.lastIndexOf(' ');
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("Username", username);
        values.put("Name", name);
        values.put("FirstName", space > 0 ? name.substring(0, space) : null);
        values.put("LastName", space > 0 ? name.substring(space + 1) : name);
        values.put("Email", username);
        values.put("IsActive", true);
        values.put("UserType", "Standard");
        values.put("CreatedDate", metadataModified);
        values.put("LastModifiedDate", metadataModified);
        values.put("SystemModstamp", metadataModified);
        store.table(SalesforceIds.USER).put(Row.of(schema.require(SalesforceSchema.USER), values));
    }

    /**
     * The record type of a deal: the one its playbook pipeline names (by id or developer name) or the one named like
     * the pipeline; a deal of a pipeline that names none is a Renewal every fifth deal, else New Business.
     */
    String recordTypeFor(SyntheticDeal deal) {
        for (Pipeline pipeline : playbook.pipelines()) {
            if (pipeline.key().equals(deal.pipeline())) {
                for (String crmPipeline : pipeline.crmPipelines()) {
                    String match = recordType(crmPipeline);
                    if (match != null) {
                        return match;
                    }
                }
            }
        }
        String named = recordType(deal.pipeline());
        if (named != null) {
            return named;
        }
        return recordTypesByName.get(deal.seq() % 5 == 4 ? RENEWAL : NEW_BUSINESS);
    }

    private String recordType(String idOrName) {
        for (Map.Entry<String, String> entry : recordTypesByName.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(idOrName) || entry.getValue().equals(SalesforceIds.normalize(idOrName))) {
                return entry.getValue();
            }
        }
        return null;
    }

    private void indexStages() {
        int sortOrder = 1;
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                String category = io.stagegate.playbook.CrmDialects.SALESFORCE.forecastCategory(stage.forecastCategory());
                for (CrmStage crmStage : stage.crmStages()) {
                    if (!stages.containsKey(crmStage.value())) {
                        stages.put(crmStage.value(), new StageInfo(crmStage.value(), sortOrder++, percent(crmStage), category, false, false));
                    }
                }
            }
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            for (CrmStage crmStage : pipeline.won().crmStages()) {
                stages.putIfAbsent(crmStage.value(), new StageInfo(crmStage.value(), sortOrder++, percent(crmStage), "Closed", true, true));
            }
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            for (CrmStage crmStage : pipeline.lost().crmStages()) {
                stages.putIfAbsent(crmStage.value(), new StageInfo(crmStage.value(), sortOrder++, percent(crmStage), "Omitted", true, false));
            }
        }
    }

    private static BigDecimal percent(CrmStage stage) {
        return stage.probability().multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP);
    }

    private void setUpMetadata() {
        addUser(integrationUserId, integrationUsername, "Integration User");
        ObjectSchema stageSchema = schema.require(SalesforceSchema.OPPORTUNITY_STAGE);
        long number = 1;
        for (StageInfo info : stages.values()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("Id", SalesforceIds.of(SalesforceIds.OPPORTUNITY_STAGE, number++));
            values.put("MasterLabel", info.value());
            values.put("ApiName", info.value());
            values.put("IsActive", true);
            values.put("SortOrder", info.sortOrder());
            values.put("IsClosed", info.closed());
            values.put("IsWon", info.won());
            values.put("ForecastCategory", info.forecastCategory());
            values.put("ForecastCategoryName", info.forecastCategoryName());
            values.put("DefaultProbability", info.defaultProbability());
            values.putAll(audit());
            store.table(SalesforceIds.OPPORTUNITY_STAGE).put(Row.of(stageSchema, values));
        }
        addRecordType(1, NEW_BUSINESS, "New Business", "New customers");
        addRecordType(2, RENEWAL, "Renewal", "Renewals and upsells of existing customers");
    }

    private void addRecordType(long number, String developerName, String name, String description) {
        String id = SalesforceIds.of(SalesforceIds.RECORD_TYPE, number);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("Name", name);
        values.put("DeveloperName", developerName);
        values.put("Description", description);
        values.put("SobjectType", SalesforceSchema.OPPORTUNITY);
        values.put("IsActive", true);
        values.putAll(audit());
        store.table(SalesforceIds.RECORD_TYPE).put(Row.of(schema.require(SalesforceSchema.RECORD_TYPE), values));
        recordTypesByName.put(developerName, id);
    }

    private Map<String, Object> audit() {
        return Map.of("CreatedById", integrationUserId, "CreatedDate", metadataModified, "LastModifiedById", integrationUserId,
                "LastModifiedDate", metadataModified, "SystemModstamp", metadataModified);
    }
}

package io.stagegate.criteria;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The documented sales process: pipelines of journey stages with exit criteria, written for one CRM, plus the names
 * of the fields the service writes back.
 *
 * @param dialect how the CRM writes what the engine computes; output fields not named here get its default names
 * @param currency the currency of opportunities that carry none (the CRM's corporate currency)
 */
public record Playbook(String name, Crm crm, CrmDialect dialect, String currency, List<Pipeline> pipelines,
        Map<OutputField, String> outputFields) {

    public Playbook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(currency, "currency");
        pipelines = List.copyOf(pipelines);
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("a playbook needs at least one pipeline");
        }
        Map<OutputField, String> names = new LinkedHashMap<>();
        for (OutputField field : OutputField.values()) {
            names.put(field, outputFields.getOrDefault(field, dialect.outputField(field)));
        }
        outputFields = Map.copyOf(names);
    }

    /**
     * The pipeline for a Salesforce record type or HubSpot pipeline value. An unknown or missing value selects the
     * default pipeline: the first one that names no CRM pipeline, else the first one.
     */
    public Pipeline pipelineFor(String crmPipeline) {
        if (crmPipeline != null) {
            for (int i = 0; i < pipelines.size(); i++) {
                if (pipelines.get(i).crmPipelines().contains(crmPipeline)) {
                    return pipelines.get(i);
                }
            }
        }
        return defaultPipeline();
    }

    public Pipeline defaultPipeline() {
        for (int i = 0; i < pipelines.size(); i++) {
            if (pipelines.get(i).crmPipelines().isEmpty()) {
                return pipelines.get(i);
            }
        }
        return pipelines.get(0);
    }

    /** Every CRM field some criterion reads: the only fields a connector needs to fetch besides the standard ones. */
    public Set<String> criteriaFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (Pipeline pipeline : pipelines) {
            for (JourneyStage stage : pipeline.stages()) {
                stage.exitCriteria().forEach(criterion -> fields.addAll(criterion.rule().fields()));
            }
        }
        return fields;
    }

    /** Every related-record relation some criterion counts. */
    public Set<String> criteriaRelations() {
        Set<String> relations = new LinkedHashSet<>();
        for (Pipeline pipeline : pipelines) {
            for (JourneyStage stage : pipeline.stages()) {
                stage.exitCriteria().forEach(criterion -> relations.addAll(criterion.rule().relations()));
            }
        }
        return relations;
    }

    public String outputField(OutputField field) {
        return outputFields.get(field);
    }
}

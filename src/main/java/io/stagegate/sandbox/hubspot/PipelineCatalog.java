package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deal pipelines of the simulated portal, built from the playbook: one HubSpot pipeline per CRM pipeline id the
 * playbook names (or per playbook pipeline that names none), with the stages the playbook maps, open stages first in
 * journey order, then won, then lost.
 */
final class PipelineCatalog {
    /** The labels of HubSpot's default "Sales Pipeline" stages. */
    private static final Map<String, String> DEFAULT_LABELS = Map.of(
            "appointmentscheduled", "Appointment Scheduled",
            "qualifiedtobuy", "Qualified To Buy",
            "presentationscheduled", "Presentation Scheduled",
            "decisionmakerboughtin", "Decision Maker Bought-In",
            "contractsent", "Contract Sent",
            "closedwon", "Closed Won",
            "closedlost", "Closed Lost");

    private final Map<String, DealPipeline> byId = new LinkedHashMap<>();
    private final Map<String, String> idByPlaybookKey = new LinkedHashMap<>();

    PipelineCatalog(Playbook playbook) {
        int order = 0;
        for (Pipeline pipeline : playbook.pipelines()) {
            List<String> ids = pipeline.crmPipelines().isEmpty() ? List.of(pipeline.key()) : pipeline.crmPipelines();
            idByPlaybookKey.put(pipeline.key(), ids.get(0));
            for (String id : ids) {
                String label = id.equals(ids.get(0)) ? pipeline.label() : pipeline.label() + " (" + id + ")";
                byId.putIfAbsent(id, new DealPipeline(id, label, order++, stages(pipeline)));
            }
        }
    }

    private static List<DealStage> stages(Pipeline pipeline) {
        List<DealStage> stages = new ArrayList<>();
        for (JourneyStage journey : pipeline.stages()) {
            for (CrmStage crm : journey.crmStages()) {
                String fallback = journey.crmStages().size() == 1 ? journey.label() : journey.label() + " (" + crm.value() + ")";
                stages.add(new DealStage(crm.value(), DEFAULT_LABELS.getOrDefault(crm.value(), fallback), stages.size(), crm.probability(), false, false));
            }
        }
        for (CrmStage crm : pipeline.won().crmStages()) {
            stages.add(new DealStage(crm.value(), DEFAULT_LABELS.getOrDefault(crm.value(), "Closed won"), stages.size(), crm.probability(), true, true));
        }
        for (CrmStage crm : pipeline.lost().crmStages()) {
            stages.add(new DealStage(crm.value(), DEFAULT_LABELS.getOrDefault(crm.value(), "Closed lost"), stages.size(), crm.probability(), true, false));
        }
        return stages;
    }

    List<DealPipeline> pipelines() {
        return List.copyOf(byId.values());
    }

    Optional<DealPipeline> pipeline(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The HubSpot pipeline id of a playbook pipeline key (what {@code SyntheticDeal.pipeline} holds). */
    Optional<String> idOfPlaybookPipeline(String key) {
        return Optional.ofNullable(idByPlaybookKey.get(key));
    }

    /** The pipeline a deal without a pipeline value belongs to: the first one. */
    DealPipeline defaultPipeline() {
        return byId.values().iterator().next();
    }
}

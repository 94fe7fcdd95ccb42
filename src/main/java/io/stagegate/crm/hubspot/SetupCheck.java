package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a playbook against what the portal really has: pipelines and stages by id (HubSpot stores ids, never labels;
 * an unknown id is reported with the label the admin probably meant), and the mapped properties by existence and type.
 * Every problem names the pipeline, stage or property and says what to fix.
 */
final class SetupCheck {
    private static final String BOOTSTRAP = "create it in HubSpot (POST /api/sync/bootstrap creates the output properties) or fix the playbook";
    private static final Set<String> DATE = Set.of("date", "datetime");
    private static final Set<String> TEXT = Set.of("string", "enumeration");
    private static final Set<String> ANY = Set.of();

    /** A stage of the portal, with its pipeline. */
    private record PortalStage(String pipelineId, String pipelineLabel, String id, String label, boolean closed, String probability) {
    }

    private SetupCheck() {
    }

    static List<String> problems(Playbook playbook, DealSchema schema, JsonNode pipelines) {
        List<String> problems = new ArrayList<>();
        checkPipelines(playbook, pipelines, problems);
        checkCriteria(playbook, schema, problems);
        for (String relation : playbook.criteriaRelations()) {
            if (!schema.has(DealQuery.countProperty(relation))) {
                problems.add("relation " + relation + ": deals have no property " + DealQuery.countProperty(relation)
                        + " counting associated " + relation + " (HubSpot counts contacts as num_associated_contacts: use the relation 'contacts')");
            }
        }
        checkOutputs(playbook, schema, problems);
        return problems;
    }

    private static void checkPipelines(Playbook playbook, JsonNode pipelines, List<String> problems) {
        Map<String, String> pipelineLabels = new LinkedHashMap<>();
        List<PortalStage> stages = new ArrayList<>();
        for (JsonNode pipeline : pipelines.path("results")) {
            if (pipeline.path("archived").asBoolean(false)) {
                continue;
            }
            String pipelineId = pipeline.path("id").asText();
            pipelineLabels.put(pipelineId, pipeline.path("label").asText(pipelineId));
            for (JsonNode stage : pipeline.path("stages")) {
                if (!stage.path("archived").asBoolean(false)) {
                    stages.add(new PortalStage(pipelineId, pipelineLabels.get(pipelineId), stage.path("id").asText(), stage.path("label").asText(),
                            "true".equalsIgnoreCase(stage.path("metadata").path("isClosed").asText("false")),
                            stage.path("metadata").path("probability").asText("")));
                }
            }
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            List<String> ids = new ArrayList<>();
            for (String value : pipeline.crmPipelines()) {
                if (pipelineLabels.containsKey(value)) {
                    ids.add(value);
                } else {
                    problems.add("pipeline '" + pipeline.key() + "': '" + value + "' is not the id of a deal pipeline of the portal"
                            + likely(value, pipelineLabels.entrySet().stream().map(entry -> new PortalStage(entry.getKey(), entry.getValue(),
                                    entry.getKey(), entry.getValue(), false, "")).toList(), "pipeline"));
                }
            }
            List<PortalStage> candidates = stages.stream().filter(stage -> ids.isEmpty() || ids.contains(stage.pipelineId())).toList();
            for (CrmStage stage : pipeline.crmStages()) {
                PortalStage found = candidates.stream().filter(candidate -> candidate.id().equals(stage.value())).findFirst().orElse(null);
                if (found == null) {
                    problems.add("pipeline '" + pipeline.key() + "': stage '" + stage.value() + "' is not the id of a stage of "
                            + (ids.isEmpty() ? "any pipeline" : "pipeline " + String.join(", ", ids)) + likely(stage.value(), candidates, "stage"));
                    continue;
                }
                boolean mappedClosed = pipeline.won().crmStages().contains(stage) || pipeline.lost().crmStages().contains(stage);
                if (mappedClosed != found.closed()) {
                    problems.add("pipeline '" + pipeline.key() + "': stage " + found.id() + " (" + found.label() + ") is " + (found.closed() ? "closed" : "open")
                            + " in HubSpot but mapped as " + (mappedClosed ? "closed" : "an open journey stage") + ": move it in the playbook");
                }
            }
        }
    }

    /** ": did you mean 'id' (label)?" for the stage whose label or id is closest to {@code value}, else "". */
    private static String likely(String value, List<PortalStage> candidates, String what) {
        String wanted = normal(value);
        PortalStage best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (PortalStage candidate : candidates) {
            int distance = Math.min(distance(wanted, normal(candidate.label())), distance(wanted, normal(candidate.id())));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance > Math.max(3, wanted.length() / 2)) {
            return ": use the " + what + "'s internal id (Settings → Objects → Deals → Pipelines)";
        }
        return ": did you mean " + best.id() + " (\"" + best.label() + "\"" + (what.equals("stage") ? " in " + best.pipelineLabel() : "")
                + ")? The playbook must use the internal id, not the label";
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static void checkCriteria(Playbook playbook, DealSchema schema, List<String> problems) {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    collect(criterion.rule(), uses);
                }
            }
        }
        uses.forEach((name, allowed) -> {
            DealSchema.Property property = schema.property(name).orElse(null);
            if (property == null) {
                problems.add("criteria property " + name + " does not exist on deals: " + BOOTSTRAP);
            } else if (!allowed.isEmpty() && !allowed.contains(property.type())) {
                problems.add("criteria property " + name + " is of type " + property.type() + " but its rules need " + String.join(" or ", allowed)
                        + ": map a property of a matching type or change the rule");
            }
        });
    }

    /** The property types each criteria property may have, narrowed by every rule that reads it. */
    private static void collect(Rule rule, Map<String, Set<String>> uses) {
        if (rule instanceof Rule.Composite composite) {
            composite.rules().forEach(part -> collect(part, uses));
            return;
        }
        Set<String> allowed;
        if (rule instanceof Rule.CheckboxTrue) {
            allowed = Set.of("bool", "enumeration");
        } else if (rule instanceof Rule.DatePresent || rule instanceof Rule.DateInPast || rule instanceof Rule.DateNotOlderThan
                || rule instanceof Rule.DateTodayOrLater) {
            allowed = DATE;
        } else if (rule instanceof Rule.NumberAtLeast) {
            allowed = Set.of("number");
        } else if (rule instanceof Rule.TextPresent) {
            allowed = TEXT;
        } else if (rule instanceof Rule.ValueIn) {
            allowed = Set.of("string", "enumeration", "bool");
        } else {
            allowed = ANY;
        }
        for (String field : rule.fields()) {
            Set<String> previous = uses.get(field);
            if (previous == null || previous.isEmpty()) {
                uses.put(field, allowed);
            } else if (!allowed.isEmpty()) {
                Set<String> both = new LinkedHashSet<>(previous);
                both.retainAll(allowed);
                uses.put(field, both.isEmpty() ? allowed : both);
            }
        }
    }

    private static void checkOutputs(Playbook playbook, DealSchema schema, List<String> problems) {
        for (OutputField output : OutputField.values()) {
            String name = playbook.outputField(output);
            DealSchema.Property property = schema.property(name).orElse(null);
            if (property == null) {
                problems.add("output property " + name + " does not exist on deals: " + BOOTSTRAP);
                continue;
            }
            if (property.readOnly()) {
                problems.add("output property " + name + " is read-only (calculated) in HubSpot: map " + output.yamlKey() + " to a writable property");
            }
            String needed = OutputProperties.type(output);
            boolean compatible = property.type().equals(needed) || (needed.equals("enumeration") && property.type().equals("string"));
            if (!compatible) {
                problems.add("output property " + name + " is of type " + property.type() + " but " + output.yamlKey() + " needs " + needed
                        + ": recreate it with that type, or map another property");
            }
        }
    }
}

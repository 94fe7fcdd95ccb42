package io.stagegate.playbook;

import io.stagegate.criteria.ClosedOutcome;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.ProbabilityScale;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one pipeline of a playbook: its journey stages with their CRM stage values and probabilities, and its won and
 * lost ends. Stages refer to the playbook's criteria by key; a criterion that failed to read is {@code null} in
 * {@code criteria}, so the stages that list it are dropped without a second report.
 */
final class PipelineReader {
    private final Crm crm;
    private final Map<String, ExitCriterion> criteria;

    /** {@code crm} is {@code null} when the playbook's crm was missing or wrong (already reported). */
    PipelineReader(Crm crm, Map<String, ExitCriterion> criteria) {
        this.crm = crm;
        this.criteria = criteria;
    }

    Pipeline read(YamlNode node) {
        Map<String, YamlNode> fields = node.known("key", "label", "crmPipelines", "stages", "won", "lost");
        String key = node.requiredKey(fields, "key");
        String label = fields.containsKey("label") ? fields.get("label").text() : key;
        List<String> crmPipelines = fields.containsKey("crmPipelines") ? new ArrayList<>(RuleReader.strings(fields.get("crmPipelines"))) : List.of();
        Map<String, YamlNode> stageValues = new HashMap<>();
        List<JourneyStage> stages = new ArrayList<>();
        if (!fields.containsKey("stages")) {
            if (node.isMapping()) {
                node.problem("missing 'stages'");
            }
        } else {
            Map<String, YamlNode> stageKeys = new HashMap<>();
            List<YamlNode> items = fields.get("stages").items();
            if (items.isEmpty()) {
                fields.get("stages").problem("needs at least one journey stage");
            }
            for (YamlNode item : items) {
                JourneyStage stage = stage(item, stageValues, stageKeys);
                if (stage != null) {
                    stages.add(stage);
                }
            }
        }
        ClosedOutcome won = outcome(node, fields, "won", "Closed won", stageValues);
        ClosedOutcome lost = outcome(node, fields, "lost", "Closed lost", stageValues);
        if (key == null || label == null || stages.isEmpty() || won == null || lost == null) {
            return null;
        }
        try {
            return new Pipeline(key, label, crmPipelines, stages, won, lost);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    private JourneyStage stage(YamlNode node, Map<String, YamlNode> stageValues, Map<String, YamlNode> stageKeys) {
        Map<String, YamlNode> fields = node.known("key", "label", "crmStages", "probability", "forecastCategory", "benchmarkDays", "exitCriteria");
        String key = node.requiredKey(fields, "key");
        if (key != null) {
            YamlNode first = stageKeys.putIfAbsent(key, node);
            if (first != null) {
                fields.get("key").problem("duplicate stage key '" + key + "' (first at line " + first.line() + ")");
            }
        }
        String label = fields.containsKey("label") ? fields.get("label").text() : key;
        List<CrmStage> crmStages = fields.containsKey("crmStages") ? crmStages(fields.get("crmStages"), stageValues) : List.of();
        BigDecimal probability = fields.containsKey("probability") ? probability(fields.get("probability")) : null;
        ForecastCategory category = fields.containsKey("forecastCategory") ? category(fields.get("forecastCategory")) : ForecastCategory.PIPELINE;
        Integer benchmark = fields.containsKey("benchmarkDays") ? RuleReader.integer(fields.get("benchmarkDays"), 1) : null;
        List<ExitCriterion> exitCriteria = fields.containsKey("exitCriteria") ? exitCriteria(fields.get("exitCriteria")) : List.of();
        boolean mapsCrmStages = fields.containsKey("crmStages") && !fields.get("crmStages").items().isEmpty();
        if (!mapsCrmStages && !fields.containsKey("probability") && node.isMapping()) {
            node.problem("stage '" + key + "' maps no CRM stage, so it needs an explicit 'probability' (used when a deal is qualified only up to it)");
            return null;
        }
        if (key == null || label == null || category == null || exitCriteria == null || (fields.containsKey("probability") && probability == null)
                || (mapsCrmStages && crmStages.isEmpty())) {
            return null;
        }
        return new JourneyStage(key, label, crmStages, probability, category, benchmark, exitCriteria);
    }

    private List<CrmStage> crmStages(YamlNode node, Map<String, YamlNode> stageValues) {
        List<CrmStage> stages = new ArrayList<>();
        for (YamlNode item : node.items()) {
            Map<String, YamlNode> fields = item.known("value", "probability");
            String value = item.requiredText(fields, "value");
            BigDecimal probability = null;
            if (fields.containsKey("probability")) {
                probability = probability(fields.get("probability"));
            } else if (item.isMapping()) {
                item.problem("missing 'probability' (the CRM's default probability for this stage)");
            }
            if (value == null) {
                continue;
            }
            YamlNode first = stageValues.putIfAbsent(value, item);
            if (first != null) {
                fields.get("value").problem("CRM stage '" + value + "' is mapped twice in this pipeline (first at line " + first.line() + ")");
                continue;
            }
            if (probability != null && crm != null) {
                stages.add(new CrmStage(value, probability));
            }
        }
        return stages;
    }

    /** Reads a probability on the CRM's scale and returns it as a fraction. */
    private BigDecimal probability(YamlNode node) {
        BigDecimal value = RuleReader.decimal(node);
        if (value == null || crm == null) {
            return value;
        }
        ProbabilityScale scale = CrmDialects.of(crm).probabilityScale();
        if (!scale.contains(value)) {
            node.problem("probability " + value.toPlainString() + " is outside " + (scale == ProbabilityScale.PERCENT
                    ? "0–100 (Salesforce stage probabilities are percentages)"
                    : "0–1 (HubSpot stage probabilities are fractions)"));
            return null;
        }
        return scale.toFraction(value);
    }

    private static ForecastCategory category(YamlNode node) {
        String text = node.text();
        if (text == null) {
            return null;
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (normalized.equals("OMIT")) {
            return ForecastCategory.OMITTED;
        }
        for (ForecastCategory category : ForecastCategory.values()) {
            if (category.name().equals(normalized)) {
                return category;
            }
        }
        node.problem("unknown forecast category '" + text + "'; expected pipeline, best_case, commit, closed or omitted");
        return null;
    }

    private List<ExitCriterion> exitCriteria(YamlNode node) {
        List<ExitCriterion> list = new ArrayList<>();
        boolean complete = true;
        List<String> seen = new ArrayList<>();
        for (YamlNode item : node.items()) {
            String key = item.text();
            if (key == null) {
                complete = false;
                continue;
            }
            if (!criteria.containsKey(key)) {
                item.problem("unknown criterion '" + key + "'" + (criteria.isEmpty() ? " (the playbook defines no criteria)" : "; defined: " + String.join(", ", criteria.keySet())));
                complete = false;
            } else if (seen.contains(key)) {
                item.problem("criterion '" + key + "' is listed twice in this stage");
                complete = false;
            } else if (criteria.get(key) == null) {
                complete = false;
            } else {
                list.add(criteria.get(key));
            }
            seen.add(key);
        }
        return complete ? list : null;
    }

    private ClosedOutcome outcome(YamlNode pipeline, Map<String, YamlNode> fields, String name, String defaultLabel, Map<String, YamlNode> stageValues) {
        if (!fields.containsKey(name)) {
            if (pipeline.isMapping()) {
                pipeline.problem("missing '" + name + "' (the CRM stages that mean closed " + name + ")");
            }
            return null;
        }
        YamlNode node = fields.get(name);
        Map<String, YamlNode> entries = node.known("label", "crmStages", "checklist");
        String label = entries.containsKey("label") ? entries.get("label").text() : defaultLabel;
        if (!entries.containsKey("crmStages")) {
            if (node.isMapping()) {
                node.problem("missing 'crmStages'");
            }
            return null;
        }
        List<CrmStage> crmStages = crmStages(entries.get("crmStages"), stageValues);
        if (entries.get("crmStages").items().isEmpty()) {
            entries.get("crmStages").problem("needs at least one CRM stage");
            return null;
        }
        if (crmStages.isEmpty()) {
            return null;
        }
        List<String> checklist = entries.containsKey("checklist") ? new ArrayList<>(RuleReader.strings(entries.get("checklist"))) : List.of();
        return label == null ? null : new ClosedOutcome(label, crmStages, checklist);
    }
}

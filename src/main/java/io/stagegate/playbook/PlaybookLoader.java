package io.stagegate.playbook;

import io.stagegate.criteria.ClosedOutcome;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.ProbabilityScale;
import io.stagegate.criteria.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a playbook YAML file into the engine's model and validates it, reporting every problem at once with its path
 * and line. The format is described in {@code docs/playbook.md}.
 */
public final class PlaybookLoader {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_CHARS = 1_000_000;

    private PlaybookLoader() {
    }

    /** Loads the playbook shipped in the application's resources at {@code classpathLocation}. */
    public static Playbook fromClasspath(String classpathLocation) {
        try (InputStream in = PlaybookLoader.class.getClassLoader().getResourceAsStream(classpathLocation)) {
            if (in == null) {
                throw new IllegalArgumentException("no playbook at classpath:" + classpathLocation);
            }
            return load("classpath:" + classpathLocation, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates {@code yaml}.
     *
     * @param source a name for messages (a file path, "request body")
     * @throws InvalidPlaybookException with every problem found
     */
    public static Playbook load(String source, String yaml) {
        Problems problems = new Problems();
        Playbook playbook = read(yaml, problems);
        if (!problems.isEmpty() || playbook == null) {
            throw new InvalidPlaybookException(source, problems.sorted());
        }
        return playbook;
    }

    /** Every problem of {@code yaml}; empty when it is a usable playbook. */
    public static List<PlaybookProblem> validate(String yaml) {
        Problems problems = new Problems();
        read(yaml, problems);
        return problems.sorted();
    }

    private static Playbook read(String yaml, Problems problems) {
        if (yaml == null || yaml.isBlank()) {
            problems.add("", 0, "the playbook is empty");
            return null;
        }
        if (yaml.length() > MAX_CHARS) {
            problems.add("", 0, "the playbook is larger than " + MAX_CHARS + " characters");
            return null;
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            options.setMaxAliasesForCollections(20);
            options.setAllowRecursiveKeys(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String context = e.getContext() == null ? "" : e.getContext() + ", ";
            problems.add("", line, "not valid YAML: " + context + e.getProblem());
            return null;
        } catch (YAMLException e) {
            problems.add("", 0, "not valid YAML: " + e.getMessage());
            return null;
        }
        YamlNode document = root == null ? null : new YamlNode(root, "", problems);
        if (document == null || document.isNull()) {
            problems.add("", 0, "the playbook is empty");
            return null;
        }
        return new Reading(problems).playbook(document);
    }

    /** One reading of one file; holds what later sections refer to. */
    private static final class Reading {
        private final Problems problems;
        private Crm crm;
        private final Map<String, ExitCriterion> criteria = new LinkedHashMap<>();

        Reading(Problems problems) {
            this.problems = problems;
        }

        Playbook playbook(YamlNode root) {
            Map<String, YamlNode> top = known(root, "name", "description", "crm", "currency", "outputFields", "criteria", "pipelines");
            String name = requiredText(root, top, "name");
            crm = top.containsKey("crm") ? crm(top.get("crm")) : null;
            if (!top.containsKey("crm") && root.isMapping()) {
                root.problem("missing 'crm' (salesforce or hubspot)");
            }
            String currency = top.containsKey("currency") ? currency(top.get("currency")) : "USD";
            Map<OutputField, String> outputs = top.containsKey("outputFields") ? outputFields(top.get("outputFields")) : Map.of();
            if (top.containsKey("criteria")) {
                readCriteria(top.get("criteria"));
            }
            List<Pipeline> pipelines = new ArrayList<>();
            if (!top.containsKey("pipelines")) {
                if (root.isMapping()) {
                    root.problem("missing 'pipelines' (at least one)");
                }
            } else {
                Map<String, YamlNode> seen = new HashMap<>();
                List<YamlNode> items = top.get("pipelines").items();
                if (items.isEmpty()) {
                    top.get("pipelines").problem("needs at least one pipeline");
                }
                for (YamlNode item : items) {
                    Pipeline pipeline = pipeline(item);
                    if (pipeline != null) {
                        YamlNode first = seen.putIfAbsent(pipeline.key(), item);
                        if (first != null) {
                            item.problem("duplicate pipeline key '" + pipeline.key() + "' (first at line " + first.line() + ")");
                        }
                        pipelines.add(pipeline);
                    }
                }
            }
            if (name == null || crm == null || currency == null || !problems.isEmpty() || pipelines.isEmpty()) {
                return null;
            }
            Playbook playbook = new Playbook(name, crm, CrmDialects.of(crm), currency, pipelines, outputs);
            checkOutputFields(playbook, top.get("outputFields") == null ? root : top.get("outputFields"));
            return problems.isEmpty() ? playbook : null;
        }

        /** Output fields must be fields of their own: never a criteria input, a standard field, or each other. */
        private void checkOutputFields(Playbook playbook, YamlNode where) {
            Map<String, OutputField> seen = new HashMap<>();
            for (OutputField field : OutputField.values()) {
                String name = playbook.outputField(field);
                OutputField other = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), field);
                if (other != null) {
                    where.problem("output fields " + other.yamlKey() + " and " + field.yamlKey() + " are both written to '" + name + "'");
                }
                for (String input : playbook.criteriaFields()) {
                    if (input.equalsIgnoreCase(name)) {
                        where.problem("output field " + field.yamlKey() + " '" + name + "' is also read by a criterion: writing it would change the evaluation");
                    }
                }
                if (StandardField.byApiName(playbook.crm(), name) != null) {
                    where.problem("output field " + field.yamlKey() + " '" + name + "' is a standard opportunity field; Stagegate writes only fields of its own");
                }
            }
        }

        private Crm crm(YamlNode node) {
            String text = node.text();
            if (text == null) {
                return null;
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "salesforce" -> Crm.SALESFORCE;
                case "hubspot" -> Crm.HUBSPOT;
                default -> {
                    node.problem("unknown crm '" + text + "'; expected salesforce or hubspot");
                    yield null;
                }
            };
        }

        private static String currency(YamlNode node) {
            String text = node.text();
            if (text == null) {
                return null;
            }
            try {
                return Currency.getInstance(text.trim()).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                node.problem("'" + text + "' is not an ISO 4217 currency code");
                return null;
            }
        }

        private Map<OutputField, String> outputFields(YamlNode node) {
            Map<String, OutputField> byKey = new HashMap<>();
            for (OutputField field : OutputField.values()) {
                byKey.put(field.yamlKey(), field);
            }
            Map<OutputField, String> outputs = new EnumMap<>(OutputField.class);
            for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                OutputField field = byKey.get(entry.getKey());
                if (field == null) {
                    entry.getValue().problem("unknown output field '" + entry.getKey() + "'; expected one of " + String.join(", ", byKey.keySet()));
                    continue;
                }
                String name = entry.getValue().text();
                String problem = name == null || crm == null ? null : CrmNames.problem(crm, name);
                if (problem != null) {
                    entry.getValue().problem("output field " + problem);
                } else if (name != null) {
                    outputs.put(field, name);
                }
            }
            return outputs;
        }

        private void readCriteria(YamlNode node) {
            RuleReader rules = new RuleReader(crm);
            for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                String key = entry.getKey();
                YamlNode body = entry.getValue();
                if (!KEY.matcher(key).matches()) {
                    body.problem("criterion key '" + key + "' must be lowercase letters, digits and underscores, starting with a letter");
                }
                Map<String, YamlNode> fields = known(body, "label", "question", "rule");
                String label = requiredText(body, fields, "label");
                String question = requiredText(body, fields, "question");
                Rule rule = null;
                if (fields.containsKey("rule")) {
                    rule = rules.read(fields.get("rule"));
                } else if (body.isMapping()) {
                    body.problem("missing 'rule'");
                }
                if (label != null && question != null && rule != null) {
                    criteria.put(key, new ExitCriterion(key, label, question, rule));
                } else {
                    criteria.put(key, null);
                }
            }
        }

        private Pipeline pipeline(YamlNode node) {
            Map<String, YamlNode> fields = known(node, "key", "label", "crmPipelines", "stages", "won", "lost");
            String key = requiredKey(node, fields, "key");
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
            Map<String, YamlNode> fields = known(node, "key", "label", "crmStages", "probability", "forecastCategory", "benchmarkDays", "exitCriteria");
            String key = requiredKey(node, fields, "key");
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
                Map<String, YamlNode> fields = known(item, "value", "probability");
                String value = requiredText(item, fields, "value");
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
            Map<String, YamlNode> entries = known(node, "label", "crmStages", "checklist");
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

        private static Map<String, YamlNode> known(YamlNode node, String... keys) {
            Map<String, YamlNode> entries = node.entries();
            List<String> allowed = List.of(keys);
            for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    entry.getValue().problem("unknown key '" + entry.getKey() + "'; expected " + String.join(", ", allowed));
                }
            }
            return entries;
        }

        private static String requiredText(YamlNode node, Map<String, YamlNode> fields, String key) {
            if (!fields.containsKey(key)) {
                if (node.isMapping()) {
                    node.problem("missing '" + key + "'");
                }
                return null;
            }
            String text = fields.get(key).text();
            if (text != null && text.isBlank()) {
                fields.get(key).problem("'" + key + "' is empty");
                return null;
            }
            return text;
        }

        private static String requiredKey(YamlNode node, Map<String, YamlNode> fields, String key) {
            String text = requiredText(node, fields, key);
            if (text != null && !KEY.matcher(text).matches()) {
                fields.get(key).problem("'" + text + "' must be lowercase letters, digits and underscores, starting with a letter");
                return null;
            }
            return text;
        }
    }
}

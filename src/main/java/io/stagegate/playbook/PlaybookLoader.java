package io.stagegate.playbook;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            Map<String, YamlNode> top = root.known("name", "description", "crm", "currency", "outputFields", "criteria", "pipelines");
            String name = root.requiredText(top, "name");
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
                PipelineReader reader = new PipelineReader(crm, criteria);
                List<YamlNode> items = top.get("pipelines").items();
                if (items.isEmpty()) {
                    top.get("pipelines").problem("needs at least one pipeline");
                }
                for (YamlNode item : items) {
                    Pipeline pipeline = reader.read(item);
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
                if (!YamlNode.isKey(key)) {
                    body.problem("criterion key '" + key + "' must be lowercase letters, digits and underscores, starting with a letter");
                }
                Map<String, YamlNode> fields = body.known("label", "question", "rule");
                String label = body.requiredText(fields, "label");
                String question = body.requiredText(fields, "question");
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
    }
}

package io.stagegate.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with the path that leads to it, so every problem can say where it is. Reading never throws: a value of
 * the wrong shape is reported to the {@link Problems} and read as absent.
 */
final class YamlNode {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

    private final Node node;
    private final String path;
    private final Problems problems;
    private final int keyLine;

    YamlNode(Node node, String path, Problems problems) {
        this(node, path, problems, 0);
    }

    /** A mapping value: problems about it are reported on the line of its key. */
    private YamlNode(Node node, String path, Problems problems, int keyLine) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.keyLine = keyLine;
    }

    String path() {
        return path;
    }

    int line() {
        if (keyLine > 0) {
            return keyLine;
        }
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** True for an empty document ("---" alone) or an explicit null. */
    boolean isNull() {
        return node instanceof ScalarNode && "tag:yaml.org,2002:null".equals(node.getTag().getValue());
    }

    void problem(String message) {
        problems.add(path, line(), message);
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The scalar's text, or {@code null} (reported) when the node is not a scalar. */
    String text() {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem("expected a single value, found a " + shape());
        return null;
    }

    /** Entries of a mapping in file order; duplicates are reported and the first kept. */
    Map<String, YamlNode> entries() {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem("expected a mapping (key: value), found a " + shape());
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(path, keyNode.getStartMark().getLine() + 1, "keys must be plain words");
                continue;
            }
            String key = scalarKey.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                problems.add(childPath, keyNode.getStartMark().getLine() + 1,
                        "duplicate key '" + key + "' (first at line " + entries.get(key).line() + ")");
                continue;
            }
            entries.put(key, new YamlNode(tuple.getValueNode(), childPath, problems, keyNode.getStartMark().getLine() + 1));
        }
        return entries;
    }

    /** Items of a sequence; a single scalar is read as a one-item list. */
    List<YamlNode> items() {
        List<YamlNode> items = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            List<Node> values = sequence.getValue();
            for (int i = 0; i < values.size(); i++) {
                items.add(new YamlNode(values.get(i), path + "[" + i + "]", problems));
            }
        } else if (node instanceof ScalarNode) {
            items.add(this);
        } else {
            problem("expected a list, found a " + shape());
        }
        return items;
    }

    /** Whether {@code text} is a valid key: lowercase letters, digits and underscores, starting with a letter. */
    static boolean isKey(String text) {
        return KEY.matcher(text).matches();
    }

    /** The entries of this mapping; any key not in {@code keys} is reported. */
    Map<String, YamlNode> known(String... keys) {
        Map<String, YamlNode> entries = entries();
        List<String> allowed = List.of(keys);
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                entry.getValue().problem("unknown key '" + entry.getKey() + "'; expected " + String.join(", ", allowed));
            }
        }
        return entries;
    }

    /** The non-blank text at {@code key} of this mapping's {@code fields}, or {@code null} (reported). */
    String requiredText(Map<String, YamlNode> fields, String key) {
        if (!fields.containsKey(key)) {
            if (isMapping()) {
                problem("missing '" + key + "'");
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

    /** As {@link #requiredText}, and the text must be a valid key. */
    String requiredKey(Map<String, YamlNode> fields, String key) {
        String text = requiredText(fields, key);
        if (text != null && !isKey(text)) {
            fields.get(key).problem("'" + text + "' must be lowercase letters, digits and underscores, starting with a letter");
            return null;
        }
        return text;
    }

    private String shape() {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        return node instanceof SequenceNode ? "list" : "single value";
    }
}

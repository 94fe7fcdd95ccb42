package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The suggested criteria properties the bootstrap creates when asked: one per property the playbook's rules read, typed
 * by the first rule that reads it (a checkbox as {@code bool}, date rules as {@code date}, {@code numberAtLeast} as
 * {@code number}, {@code valueIn} as an enumeration of its values, anything else as text), in the {@code stagegate}
 * group.
 */
final class CriteriaProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CriteriaProperties() {
    }

    /** The create body of each criteria property, by name, in the playbook's order. */
    static Map<String, String> bodies(Playbook playbook) {
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    collect(criterion.rule(), bodies);
                }
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        int order = 100;
        for (Map.Entry<String, ObjectNode> body : bodies.entrySet()) {
            texts.put(body.getKey(), body.getValue().put("displayOrder", order++).toString());
        }
        return texts;
    }

    private static void collect(Rule rule, Map<String, ObjectNode> bodies) {
        if (rule instanceof Rule.Composite composite) {
            composite.rules().forEach(part -> collect(part, bodies));
            return;
        }
        for (String field : rule.fields()) {
            if (bodies.containsKey(field)) {
                continue;
            }
            ObjectNode body = NODES.objectNode().put("name", field).put("label", label(field)).put("groupName", OutputProperties.GROUP)
                    .put("description", "An exit criterion of the Stagegate playbook");
            if (rule instanceof Rule.CheckboxTrue) {
                body.put("type", "bool").put("fieldType", "booleancheckbox");
                options(body, List.of("true", "false"), List.of("Yes", "No"));
            } else if (rule instanceof Rule.DatePresent || rule instanceof Rule.DateInPast || rule instanceof Rule.DateNotOlderThan
                    || rule instanceof Rule.DateTodayOrLater) {
                body.put("type", "date").put("fieldType", "date");
            } else if (rule instanceof Rule.NumberAtLeast) {
                body.put("type", "number").put("fieldType", "number");
            } else if (rule instanceof Rule.ValueIn valueIn) {
                List<String> values = List.copyOf(new TreeSet<>(valueIn.values()));
                body.put("type", "enumeration").put("fieldType", "select");
                options(body, values, values);
            } else {
                body.put("type", "string").put("fieldType", "text");
            }
            bodies.put(field, body);
        }
    }

    private static void options(ObjectNode body, List<String> values, List<String> labels) {
        ArrayNode options = body.putArray("options");
        for (int i = 0; i < values.size(); i++) {
            options.addObject().put("label", labels.get(i)).put("value", values.get(i)).put("displayOrder", i).put("hidden", false);
        }
    }

    /** {@code next_step_date} → {@code Next step date}. */
    private static String label(String name) {
        String words = name.replace('_', ' ').trim();
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

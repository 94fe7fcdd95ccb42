package io.stagegate.playbook;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Decimals;
import io.stagegate.criteria.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one criterion rule: a mapping with exactly one key naming the rule, e.g. {@code checkbox: Budget_Confirmed__c}. */
final class RuleReader {
    static final List<String> RULES = List.of("checkbox", "text", "datePresent", "dateInPast", "dateNotOlderThan",
            "dateTodayOrLater", "numberAtLeast", "valueIn", "relatedCountAtLeast", "allOf", "anyOf", "cel");

    /** Deeper nesting is a mistake or a recursive YAML alias; refusing it keeps validation from overflowing the stack. */
    static final int MAX_DEPTH = 16;

    private final Crm crm;
    private int depth;

    /** @param crm the playbook's CRM, or {@code null} when unknown (names are then not checked) */
    RuleReader(Crm crm) {
        this.crm = crm;
    }

    /** The rule, or {@code null} when it has problems (all of them reported). */
    Rule read(YamlNode node) {
        if (depth >= MAX_DEPTH) {
            node.problem("rules are nested more than " + MAX_DEPTH + " levels deep (or refer to themselves through a YAML alias)");
            return null;
        }
        depth++;
        try {
            return readRule(node);
        } finally {
            depth--;
        }
    }

    private Rule readRule(YamlNode node) {
        Map<String, YamlNode> entries = node.entries();
        if (entries.size() != 1) {
            if (node.isMapping()) {
                node.problem("a rule has exactly one of " + String.join(", ", RULES) + "; found " + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())));
            }
            return null;
        }
        Map.Entry<String, YamlNode> entry = entries.entrySet().iterator().next();
        YamlNode body = entry.getValue();
        return switch (entry.getKey()) {
            case "checkbox" -> withField(body, Rule.CheckboxTrue::new);
            case "datePresent" -> withField(body, Rule.DatePresent::new);
            case "dateInPast" -> withField(body, Rule.DateInPast::new);
            case "dateTodayOrLater" -> withField(body, Rule.DateTodayOrLater::new);
            case "text" -> text(body);
            case "dateNotOlderThan" -> dateNotOlderThan(body);
            case "numberAtLeast" -> numberAtLeast(body);
            case "valueIn" -> valueIn(body);
            case "relatedCountAtLeast" -> relatedCount(body);
            case "allOf" -> composite(body, true);
            case "anyOf" -> composite(body, false);
            case "cel" -> cel(body);
            default -> {
                node.problem("unknown rule '" + entry.getKey() + "'; known rules: " + String.join(", ", RULES));
                yield null;
            }
        };
    }

    private interface FieldRule {
        Rule create(String field);
    }

    private Rule withField(YamlNode body, FieldRule factory) {
        String field = field(body);
        return field == null ? null : factory.create(field);
    }

    private String field(YamlNode node) {
        String name = node.text();
        if (name == null) {
            return null;
        }
        String problem = crm == null ? null : CrmNames.problem(crm, name);
        if (problem != null) {
            node.problem("field " + problem);
            return null;
        }
        return name;
    }

    private Rule text(YamlNode body) {
        if (body.isScalar()) {
            String field = field(body);
            return field == null ? null : new Rule.TextPresent(field, 1, Rule.TextPresent.DEFAULT_PLACEHOLDERS);
        }
        Map<String, YamlNode> entries = known(body, "field", "minLength", "placeholders");
        String field = required(body, entries, "field") ? field(entries.get("field")) : null;
        Integer minLength = entries.containsKey("minLength") ? integer(entries.get("minLength"), 1) : Integer.valueOf(1);
        Set<String> placeholders = entries.containsKey("placeholders") ? strings(entries.get("placeholders")) : Rule.TextPresent.DEFAULT_PLACEHOLDERS;
        if (field == null || minLength == null) {
            return null;
        }
        return new Rule.TextPresent(field, minLength, placeholders);
    }

    private Rule dateNotOlderThan(YamlNode body) {
        Map<String, YamlNode> entries = known(body, "field", "days");
        String field = required(body, entries, "field") ? field(entries.get("field")) : null;
        Integer days = required(body, entries, "days") ? integer(entries.get("days"), 0) : null;
        return field == null || days == null ? null : new Rule.DateNotOlderThan(field, days);
    }

    private Rule numberAtLeast(YamlNode body) {
        Map<String, YamlNode> entries = known(body, "field", "min");
        String field = required(body, entries, "field") ? field(entries.get("field")) : null;
        BigDecimal min = required(body, entries, "min") ? decimal(entries.get("min")) : null;
        return field == null || min == null ? null : new Rule.NumberAtLeast(field, min);
    }

    private Rule valueIn(YamlNode body) {
        Map<String, YamlNode> entries = known(body, "field", "values");
        String field = required(body, entries, "field") ? field(entries.get("field")) : null;
        Set<String> values = required(body, entries, "values") ? strings(entries.get("values")) : null;
        if (values != null && values.isEmpty()) {
            entries.get("values").problem("valueIn needs at least one value");
            return null;
        }
        return field == null || values == null ? null : new Rule.ValueIn(field, values);
    }

    private Rule relatedCount(YamlNode body) {
        Map<String, YamlNode> entries = known(body, "relation", "min");
        String relation = null;
        if (required(body, entries, "relation")) {
            relation = entries.get("relation").text();
            String problem = relation == null || crm == null ? null : CrmNames.problem(crm, relation);
            if (problem != null) {
                entries.get("relation").problem("relation " + problem);
                relation = null;
            }
        }
        Integer min = required(body, entries, "min") ? integer(entries.get("min"), 1) : null;
        return relation == null || min == null ? null : new Rule.RelatedCountAtLeast(relation, min);
    }

    private Rule composite(YamlNode body, boolean all) {
        if (!body.isSequence()) {
            body.problem((all ? "allOf" : "anyOf") + " takes a list of rules");
            return null;
        }
        List<Rule> rules = new ArrayList<>();
        boolean complete = true;
        for (YamlNode item : body.items()) {
            Rule rule = read(item);
            if (rule == null) {
                complete = false;
            } else {
                rules.add(rule);
            }
        }
        if (body.items().isEmpty()) {
            body.problem((all ? "allOf" : "anyOf") + " needs at least one rule");
            return null;
        }
        if (!complete) {
            return null;
        }
        return all ? new Rule.AllOf(rules) : new Rule.AnyOf(rules);
    }

    private Rule cel(YamlNode body) {
        String source = body.text();
        if (source == null) {
            return null;
        }
        CelExpressions.Result result = CelExpressions.compile(source);
        if (result.error() != null) {
            body.problem(result.error());
            return null;
        }
        if (crm == null) {
            return result.rule();
        }
        boolean valid = true;
        for (String field : result.rule().fields()) {
            String problem = CrmNames.problem(crm, field);
            if (problem != null) {
                body.problem("field " + problem);
                valid = false;
            }
        }
        for (String relation : result.rule().relations()) {
            String problem = CrmNames.problem(crm, relation);
            if (problem != null) {
                body.problem("relation " + problem);
                valid = false;
            }
        }
        return valid ? result.rule() : null;
    }

    private static Map<String, YamlNode> known(YamlNode body, String... keys) {
        Map<String, YamlNode> entries = body.entries();
        List<String> allowed = List.of(keys);
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                entry.getValue().problem("unknown key '" + entry.getKey() + "'; expected " + String.join(", ", allowed));
            }
        }
        return entries;
    }

    private static boolean required(YamlNode body, Map<String, YamlNode> entries, String key) {
        if (!entries.containsKey(key)) {
            if (body.isMapping()) {
                body.problem("missing '" + key + "'");
            }
            return false;
        }
        return true;
    }

    static Integer integer(YamlNode node, int min) {
        String text = node.text();
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min) {
                node.problem("must be at least " + min + ", was " + value);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            node.problem("'" + text + "' is not a whole number");
            return null;
        }
    }

    static BigDecimal decimal(YamlNode node) {
        String text = node.text();
        if (text == null) {
            return null;
        }
        try {
            return Decimals.parse(text);
        } catch (NumberFormatException e) {
            node.problem(Problems.quote(text) + " " + e.getMessage());
            return null;
        }
    }

    static Set<String> strings(YamlNode node) {
        Set<String> values = new LinkedHashSet<>();
        for (YamlNode item : node.items()) {
            String text = item.text();
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }
}

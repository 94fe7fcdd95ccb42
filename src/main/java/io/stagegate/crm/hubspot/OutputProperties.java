package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.ForecastCategory;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;

/**
 * The definitions of Stagegate's output properties as the bootstrap creates them (hubspot.md §5): in the
 * {@code stagegate} group, numbers as {@code number}, flags as {@code bool} with Yes/No options, the forecast category
 * as an enumeration of the playbook dialect's values, text as {@code string}.
 */
final class OutputProperties {
    static final String GROUP = "stagegate";
    static final String GROUP_LABEL = "Stagegate";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OutputProperties() {
    }

    /** The HubSpot property type {@code output} needs. */
    static String type(OutputField output) {
        return switch (output) {
            case QUALIFIED_PROBABILITY, QUALIFIED_FORECAST_AMOUNT -> "number";
            case OVER_STAGED, STAGE_SKIP -> "bool";
            case QUALIFIED_FORECAST_CATEGORY -> "enumeration";
            case QUALIFIED_STAGE, MISSING_EXIT_CRITERIA, SKIPPED_CRITERIA_DETAIL, NEXT_DEBRIEF_QUESTION -> "string";
        };
    }

    static String groupBody() {
        return NODES.objectNode().put("name", GROUP).put("label", GROUP_LABEL).put("displayOrder", -1).toString();
    }

    static String propertyBody(Playbook playbook, OutputField output, int displayOrder) {
        String name = playbook.outputField(output);
        ObjectNode body = NODES.objectNode();
        body.put("name", name);
        body.put("label", label(output));
        body.put("description", "Written by Stagegate; edits are overwritten at the next evaluation.");
        body.put("groupName", GROUP);
        body.put("displayOrder", displayOrder);
        body.put("type", type(output));
        switch (output) {
            case QUALIFIED_PROBABILITY -> body.put("fieldType", "number").put("numberDisplayHint", "probability");
            case QUALIFIED_FORECAST_AMOUNT -> body.put("fieldType", "number").put("numberDisplayHint", "currency");
            case OVER_STAGED, STAGE_SKIP -> {
                body.put("fieldType", "booleancheckbox");
                ArrayNode options = body.putArray("options");
                options.addObject().put("label", "Yes").put("value", "true").put("displayOrder", 0).put("hidden", false);
                options.addObject().put("label", "No").put("value", "false").put("displayOrder", 1).put("hidden", false);
            }
            case QUALIFIED_FORECAST_CATEGORY -> {
                body.put("fieldType", "select");
                ArrayNode options = body.putArray("options");
                for (ForecastCategory category : ForecastCategory.values()) {
                    String value = playbook.dialect().forecastCategory(category);
                    options.addObject().put("label", value).put("value", value).put("displayOrder", category.ordinal()).put("hidden", false);
                }
            }
            case SKIPPED_CRITERIA_DETAIL, MISSING_EXIT_CRITERIA, NEXT_DEBRIEF_QUESTION -> body.put("fieldType", "textarea");
            case QUALIFIED_STAGE -> body.put("fieldType", "text");
        }
        return body.toString();
    }

    /** {@code QUALIFIED_FORECAST_AMOUNT} → {@code Qualified forecast amount}. */
    private static String label(OutputField output) {
        String words = output.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

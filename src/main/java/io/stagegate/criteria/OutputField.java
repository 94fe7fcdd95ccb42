package io.stagegate.criteria;

import java.util.Locale;

/** The fields Stagegate writes back next to the rep's numbers; each CRM's default API names are in its {@link CrmDialect}. */
public enum OutputField {
    QUALIFIED_STAGE,
    QUALIFIED_PROBABILITY,
    QUALIFIED_FORECAST_AMOUNT,
    QUALIFIED_FORECAST_CATEGORY,
    OVER_STAGED,
    MISSING_EXIT_CRITERIA,
    STAGE_SKIP,
    SKIPPED_CRITERIA_DETAIL,
    NEXT_DEBRIEF_QUESTION;

    /** The YAML key of this field in a playbook's {@code outputFields} section, e.g. {@code qualifiedStage}. */
    public String yamlKey() {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }
}

package io.stagegate.criteria;

import java.util.Objects;

/**
 * A stage an evaluation points at: a journey stage by index, key and label, or a closed outcome (index {@code n} for
 * won, {@code -1} for lost). {@code crmStage} is the CRM stage value behind it, {@code null} for a qualified stage that
 * maps no CRM value.
 */
public record StageRef(int index, String key, String label, String crmStage) {
    public static final String WON = "closed_won";
    public static final String LOST = "closed_lost";

    public StageRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
    }
}

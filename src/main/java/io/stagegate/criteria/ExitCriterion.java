package io.stagegate.criteria;

import java.util.Objects;

/** An observable buyer action that must have happened before an opportunity may leave a journey stage. */
public record ExitCriterion(String key, String label, String question, Rule rule) {
    public ExitCriterion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(rule, "rule");
    }
}

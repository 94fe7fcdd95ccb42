package io.stagegate.playbook;

import java.util.Objects;

/**
 * One thing wrong with a playbook file, where it is: a path such as {@code pipelines[0].stages[2].exitCriteria[1]}
 * and the 1-based line (0 when unknown).
 */
public record PlaybookProblem(String path, int line, String message) {
    public PlaybookProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ", " : "") + (path.isEmpty() ? "" : path + ": ") + message;
    }
}

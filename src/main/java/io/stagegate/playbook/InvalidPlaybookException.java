package io.stagegate.playbook;

import java.util.List;
import java.util.stream.Collectors;

/** A playbook that cannot be used, with every problem found in it. */
public final class InvalidPlaybookException extends RuntimeException {
    private final String source;
    private final List<PlaybookProblem> problems;

    public InvalidPlaybookException(String source, List<PlaybookProblem> problems) {
        super("playbook " + source + " has " + problems.size() + " problem(s):\n  "
                + problems.stream().map(PlaybookProblem::toString).collect(Collectors.joining("\n  ")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<PlaybookProblem> problems() {
        return problems;
    }
}

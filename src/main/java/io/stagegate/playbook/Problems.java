package io.stagegate.playbook;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one playbook, in file order, so an admin sees them all at once. */
final class Problems {
    private final List<PlaybookProblem> problems = new ArrayList<>();

    void add(String path, int line, String message) {
        problems.add(new PlaybookProblem(path, line, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<PlaybookProblem> sorted() {
        List<PlaybookProblem> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return sorted;
    }
}

package io.stagegate.playbook;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one playbook, in file order, so an admin sees them all at once. */
final class Problems {
    private final List<PlaybookProblem> problems = new ArrayList<>();

    private static final int MAX_QUOTED = 60;

    /** {@code 'text'}, cut to a short prefix: a playbook value may be megabytes long, a problem quotes only its start. */
    static String quote(String text) {
        return "'" + (text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…") + "'";
    }

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

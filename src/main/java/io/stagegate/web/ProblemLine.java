package io.stagegate.web;

import io.stagegate.api.PlaybookViews;
import io.stagegate.api.SetupProblem;
import io.stagegate.playbook.PlaybookProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A problem of a candidate playbook next to the YAML line it is about, so the editor shows it inline: the line number,
 * the text of that line, and the message. Problems without a line (0) come last.
 */
public record ProblemLine(int line, String text, String where, String message, String kind) {

    static List<ProblemLine> of(String yaml, PlaybookViews.Validation validation) {
        String[] lines = yaml.split("\r?\n", -1);
        List<ProblemLine> found = new ArrayList<>();
        for (PlaybookProblem p : validation.problems()) {
            found.add(new ProblemLine(p.line(), textOf(lines, p.line()), p.path(), p.message(), "YAML"));
        }
        if (validation.setup() != null) {
            for (SetupProblem p : validation.setup().problems()) {
                found.add(new ProblemLine(p.line(), textOf(lines, p.line()), p.name() == null ? "" : p.name(), p.message(), "CRM setup"));
            }
        }
        found.sort(Comparator.comparingInt((ProblemLine p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
        return found;
    }

    private static String textOf(String[] lines, int line) {
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}

package io.stagegate.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a playbook, line by line: the removed lines with {@code -}, the added ones with
 * {@code +}, each run headed by the line numbers it starts at ({@code @@ -12 +12 @@}). Unchanged lines are left out.
 */
public final class PlaybookDiff {
    /** Beyond this many line pairs the longest-common-subsequence table would be too large: say so instead. */
    private static final long MAX_CELLS = 25_000_000L;

    private PlaybookDiff() {
    }

    public static String of(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        if ((long) a.length * b.length > MAX_CELLS) {
            return "@@ whole file @@\n(" + a.length + " lines replaced by " + b.length + " lines: too large to compare line by line)";
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder diff = new StringBuilder();
        List<String> run = new ArrayList<>();
        int i = 0;
        int j = 0;
        int runStartA = -1;
        int runStartB = -1;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                flush(diff, run, runStartA, runStartB);
                runStartA = -1;
                i++;
                j++;
                continue;
            }
            if (runStartA < 0) {
                runStartA = i + 1;
                runStartB = j + 1;
            }
            if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
                run.add("+" + b[j++]);
            } else {
                run.add("-" + a[i++]);
            }
        }
        flush(diff, run, runStartA, runStartB);
        return diff.toString();
    }

    private static void flush(StringBuilder diff, List<String> run, int fromA, int fromB) {
        if (run.isEmpty()) {
            return;
        }
        diff.append("@@ -").append(fromA).append(" +").append(fromB).append(" @@\n");
        // removals before additions within a run, as people read a change
        run.stream().filter(line -> line.startsWith("-")).forEach(line -> diff.append(line).append('\n'));
        run.stream().filter(line -> line.startsWith("+")).forEach(line -> diff.append(line).append('\n'));
        run.clear();
    }

    private static String[] lines(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        return text.split("\r?\n", -1);
    }
}

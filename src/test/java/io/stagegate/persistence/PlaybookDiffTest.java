package io.stagegate.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybookDiffTest {

    @Test
    void showsOnlyWhatChangedWithWhereItStarts() {
        String before = "name: A\ncrm: salesforce\ncurrency: USD\nstages:\n  - key: one\n";
        String after = "name: A\ncrm: salesforce\ncurrency: EUR\nstages:\n  - key: one\n  - key: two\n";

        assertThat(PlaybookDiff.of(before, after)).isEqualTo("@@ -3 +3 @@\n-currency: USD\n+currency: EUR\n@@ -6 +6 @@\n+  - key: two\n");
    }

    @Test
    void identicalVersionsHaveAnEmptyDiffAndRemovalsAreShown() {
        assertThat(PlaybookDiff.of("a\nb\n", "a\nb\n")).isEmpty();
        assertThat(PlaybookDiff.of("a\nb\nc", "a\nc")).isEqualTo("@@ -2 +2 @@\n-b\n");
        assertThat(PlaybookDiff.of("", "x")).isEqualTo("@@ -1 +1 @@\n+x\n");
    }
}

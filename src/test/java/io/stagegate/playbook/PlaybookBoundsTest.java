package io.stagegate.playbook;

import static io.stagegate.playbook.PlaybookYaml.SALESFORCE;
import static io.stagegate.playbook.PlaybookYaml.lineOf;
import static io.stagegate.playbook.PlaybookYaml.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A playbook (the active one or one sent with a request) cannot make the engine compute without bound. */
class PlaybookBoundsTest {
    private static final Duration QUICK = Duration.ofSeconds(5);

    private static List<PlaybookProblem> validateQuickly(String yaml) {
        return assertTimeoutPreemptively(QUICK, () -> PlaybookLoader.validate(yaml));
    }

    @Test
    void aThresholdWithAHugeExponentIsRefusedWithItsLine() {
        String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { numberAtLeast: { field: Amount__c, min: 1E-100000000 } }");

        List<PlaybookProblem> problems = validateQuickly(yaml);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "min: 1E-100000000"));
            assertThat(problem.message()).isEqualTo("'1E-100000000' has more than 20 digits after the decimal point");
        });
    }

    @Test
    void aProbabilityWithAHugeExponentIsRefusedWithoutPrintingIt() {
        String yaml = replace(SALESFORCE, "{ value: Prospecting, probability: 10 }", "{ value: Prospecting, probability: 1E-100000000 }");

        List<PlaybookProblem> problems = validateQuickly(yaml);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "probability: 1E-100000000"));
            assertThat(problem.message()).contains("after the decimal point");
        });
    }
}

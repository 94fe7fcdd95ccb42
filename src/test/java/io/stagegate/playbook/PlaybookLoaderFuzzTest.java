package io.stagegate.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.stagegate.testsupport.Mutations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of the playbook loader, which serves the active playbook and every playbook sent with a request: the
 * shipped playbooks mutated at random, with hostile numbers and costly CEL spliced in. Validation never throws and
 * never takes long; whatever it accepts loads.
 */
class PlaybookLoaderFuzzTest {
    private static final int CASES_PER_SEED = 150;
    private static final Duration MAX_PER_PLAYBOOK = Duration.ofSeconds(3);
    private static final List<String> HOSTILE_YAML = List.of(
            "rule: { cel: '[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c, a + b + c >= 0)))' }",
            "rule: { numberAtLeast: { field: Amount__c, min: 1E+100000000 } }", "probability: 1E-100000000",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
            "rule: { cel: '" + "(".repeat(100) + "true" + ")".repeat(100) + "' }", "!!java.lang.Runtime {}", "rule: { cel: 'fields.' }");

    @ParameterizedTest
    @ValueSource(longs = {14L, 1_402L, 20_261_126L})
    void noPlaybookMakesTheLoaderFailOrStall(long seed) throws IOException {
        List<String> templates = List.of(resource("playbooks/default-salesforce.yaml"), resource("playbooks/default-hubspot.yaml"));
        Mutations mutations = new Mutations(seed);
        for (int i = 0; i < CASES_PER_SEED; i++) {
            String template = mutations.pick(templates);
            String yaml;
            if (i % 2 == 0) {
                yaml = new String(mutations.mutate(template), StandardCharsets.UTF_8);
            } else {
                String[] lines = template.split("\n", -1);
                int line = mutations.random().nextInt(lines.length);
                String indent = lines[line].substring(0, lines[line].length() - lines[line].stripLeading().length());
                lines[line] = indent + mutations.pick(HOSTILE_YAML);
                yaml = String.join("\n", lines);
            }
            String name = "seed " + seed + ", case " + i;
            List<PlaybookProblem> problems = assertTimeoutPreemptively(MAX_PER_PLAYBOOK, () -> PlaybookLoader.validate(yaml), name);
            if (problems.isEmpty()) {
                assertThat(PlaybookLoader.load(name, yaml)).as(name).isNotNull();
            } else {
                assertThat(problems).as(name).allSatisfy(problem -> assertThat(problem.message().length()).isLessThan(2_000));
            }
        }
    }

    private static String resource(String location) throws IOException {
        try (InputStream in = PlaybookLoaderFuzzTest.class.getClassLoader().getResourceAsStream(location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

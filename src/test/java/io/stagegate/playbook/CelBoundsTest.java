package io.stagegate.playbook;

import static io.stagegate.playbook.PlaybookYaml.SALESFORCE;
import static io.stagegate.playbook.PlaybookYaml.lineOf;
import static io.stagegate.playbook.PlaybookYaml.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CEL expressions are bounded when the playbook is validated, and again while they are evaluated. */
class CelBoundsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Opportunity OPPORTUNITY = new Opportunity("006B1", null, "Prospecting", new BigDecimal("1000"), "USD", null, null,
            Map.of("Seats__c", 12), Map.of(), null, List.of());

    private static String list(int size) {
        return IntStream.range(0, size).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static String error(String source) {
        return assertTimeoutPreemptively(QUICK, () -> CelExpressions.compile(source).error());
    }

    @Test
    void sixNestedComprehensionsAreRefusedAtValidation() {
        String r = list(20);
        String source = r + ".all(a, " + r + ".all(b, " + r + ".all(c, " + r + ".all(d, " + r + ".all(e, " + r + ".all(f, a + b + c + d + e + f >= 0))))))";

        assertThat(error(source)).isEqualTo("CEL expression too costly: the expression nests 6 comprehensions (all, exists, map, filter ...)"
                + " inside one another; at most 2 are allowed");
    }

    @Test
    void twoNestedComprehensionsOverLongListsAreRefusedByTheirCost() {
        String r = list(500);
        assertThat(error(r + ".all(a, " + r + ".exists(b, a == b))"))
                .startsWith("CEL expression too costly: the expression could take up to ")
                .endsWith("evaluation steps per opportunity; at most 100000 are allowed (iterate over fewer or smaller lists)");
        assertThat(error(r + " .map(a, a * 2).all(b, " + r + ".exists(c, b == c))")).startsWith("CEL expression too costly");
        String s = list(300);
        assertThat(error("(" + s + " + " + s + ").all(a, " + list(100) + ".exists(b, a == b))")).startsWith("CEL expression too costly");
    }

    @Test
    void ordinaryExpressionsStayWithinTheBounds() {
        assertThat(error("fields.Seats__c >= 10.0 && [1, 2, 3].all(x, x > 0)")).isNull();
        assertThat(error(list(100) + ".all(a, " + list(100) + ".exists(b, a == b))")).isNull();
        assertThat(error("fields.all(k, k.size() > 0) && related.exists(r, related[r] > 2)")).isNull();
    }

    @Test
    void overlongAndDeeplyNestedExpressionsAreRefused() {
        assertThat(error("1 == 1 && " + "true && ".repeat(600) + "true")).contains("invalid CEL expression");
        assertThat(error("(".repeat(200) + "true" + ")".repeat(200))).contains("invalid CEL expression");
    }

    @Test
    void aPlaybookWithACostlyExpressionIsRefusedWithItsLine() {
        String r = list(20);
        String costly = r + ".all(a, " + r + ".all(b, " + r + ".all(c, a + b + c >= 0)))";
        String yaml = replace(SALESFORCE, "rule: { checkbox: Budget_Confirmed__c }", "rule: { cel: '" + costly + "' }");

        List<PlaybookProblem> problems = assertTimeoutPreemptively(QUICK, () -> PlaybookLoader.validate(yaml));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(lineOf(yaml, "rule: { cel:"));
            assertThat(problem.message()).contains("nests 3 comprehensions");
        });
    }

    @Test
    void aRequestBudgetStopsABatchOfCheapEvaluations() {
        Rule.Expression rule = CelExpressions.compile(list(50) + ".all(x, x >= 0)").rule();
        assertThat(rule.evaluate(OPPORTUNITY, TODAY).met()).isTrue();

        try (CelBudget budget = CelBudget.open(2_000)) {
            int evaluated = 0;
            while (!budget.exhausted() && evaluated < 100) {
                assertThat(rule.evaluate(OPPORTUNITY, TODAY).met()).isTrue();
                evaluated++;
            }
            assertThat(evaluated).as("evaluations within 2,000 steps").isBetween(2, 20);
            assertThat(rule.evaluate(OPPORTUNITY, TODAY).observed()).endsWith("error: the request's evaluation budget is spent");
        }
        assertThat(rule.evaluate(OPPORTUNITY, TODAY).met()).as("no budget once closed").isTrue();
    }
}

package io.stagegate.sandbox.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A generated deal's past: consistent with its present, independent of it (the present is drawn as before), and such
 * that on a past day honest deals were qualified for their recorded stage while the optimist's were not.
 */
class DealPastTest {
    private static final List<Instant> QUARTER_STARTS = List.of(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));

    static List<Playbook> playbooks() {
        return List.of(OrgGeneratorTest.SALESFORCE, OrgGeneratorTest.HUBSPOT);
    }

    private static OrgGenerator generator(Playbook playbook) {
        return new OrgGenerator(playbook, 42, 3000, Clock.fixed(OrgGeneratorTest.NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @MethodSource("playbooks")
    void thePastEndsInThePresentAndStaysWithinTheDealsLife(Playbook playbook) {
        for (SyntheticDeal deal : generator(playbook).deals().collect(Collectors.toList())) {
            Instant end = deal.history().get(deal.history().size() - 1).at();
            DealState now = DealState.asOf(deal, OrgGeneratorTest.NOW);
            assertThat(now.fields()).isEqualTo(deal.fields());
            assertThat(now.amount()).isEqualTo(deal.amount());
            assertThat(now.closeDate()).isEqualTo(deal.closeDate());
            assertThat(now.stage()).isEqualTo(deal.stage());
            Instant previous = deal.createdAt();
            for (PastChange change : deal.past()) {
                assertThat(change.at()).isAfterOrEqualTo(previous).isBefore(LocalDate.ofInstant(OrgGeneratorTest.NOW, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant());
                if (deal.stage().startsWith("Closed") || deal.stage().startsWith("closed")) {
                    assertThat(change.at()).isBeforeOrEqualTo(end);
                }
                previous = change.at();
            }
            assertThat(DealState.asOf(deal, deal.createdAt().minusSeconds(1))).isNull();
            DealState first = DealState.asOf(deal, deal.createdAt());
            assertThat(first.history()).hasSize(1);
            if (deal.past().stream().anyMatch(change -> change.kind() == PastChange.Kind.CLOSE_DATE)) {
                assertThat(first.closeDate()).isAfterOrEqualTo(LocalDate.ofInstant(deal.createdAt(), ZoneOffset.UTC).plusDays(7)).isBefore(deal.closeDate());
            }
        }
    }

    @Test
    void aChangeAtTheInstantCountsAndOldValuesComeBackBeforeIt() {
        Instant t = Instant.parse("2026-06-01T10:00:00Z");
        SyntheticDeal deal = new SyntheticDeal(7, "Acme", OrgGenerator.defaultReps().get(0), "default", "Needs Analysis", BigDecimal.valueOf(9000), "USD",
                LocalDate.of(2026, 12, 31), t.minusSeconds(86_400), Map.of("Budget_Confirmed__c", true), Map.of(),
                List.of(new StageChange("Prospecting", t.minusSeconds(86_400)), new StageChange("Needs Analysis", t)), false,
                List.of(new PastChange(PastChange.Kind.FIELD, "Budget_Confirmed__c", null, true, t),
                        new PastChange(PastChange.Kind.AMOUNT, null, BigDecimal.valueOf(12_000), BigDecimal.valueOf(9000), t.plusSeconds(60)),
                        new PastChange(PastChange.Kind.CLOSE_DATE, null, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 12, 31), t.plusSeconds(120))));
        DealState at = DealState.asOf(deal, t);
        assertThat(at.stage()).isEqualTo("Needs Analysis");
        assertThat(at.fields()).containsEntry("Budget_Confirmed__c", true);
        assertThat(at.amount()).isEqualByComparingTo("12000");
        assertThat(at.closeDate()).isEqualTo(LocalDate.of(2026, 9, 30));
        DealState before = DealState.asOf(deal, t.minusMillis(1));
        assertThat(before.stage()).isEqualTo("Prospecting");
        assertThat(before.fields()).doesNotContainKey("Budget_Confirmed__c");
        assertThat(before.history()).hasSize(1);
        assertThat(deal.lastChange()).isEqualTo(t.plusSeconds(120));
    }

    @ParameterizedTest
    @MethodSource("playbooks")
    void onPastDaysHonestDealsWereQualifiedAndTheOptimistsWereNot(Playbook playbook) {
        OrgGenerator generator = generator(playbook);
        Evaluator evaluator = new Evaluator(playbook, Clock.systemUTC());
        int honest = 0;
        int honestOver = 0;
        int optimist = 0;
        int optimistOver = 0;
        for (SyntheticDeal deal : generator.deals().collect(Collectors.toList())) {
            for (Instant start : QUARTER_STARTS) {
                DealState then = DealState.asOf(deal, start);
                if (then == null) {
                    continue;
                }
                Evaluation evaluation = evaluator.evaluate(generator.toOpportunity(then), LocalDate.ofInstant(start, ZoneOffset.UTC));
                if (!evaluation.isOpen()) {
                    continue;
                }
                if (deal.owner().habit() == Habit.RELIABLE && !deal.overStagedByDesign()) {
                    honest++;
                    honestOver += evaluation.overStaged() ? 1 : 0;
                } else if (deal.owner().habit() == Habit.OPTIMIST && deal.overStagedByDesign()) {
                    optimist++;
                    optimistOver += evaluation.overStaged() ? 1 : 0;
                }
            }
        }
        System.out.printf("%s: reliable honest deals over-staged on past quarter starts %d/%d, optimist's over-staged ones %d/%d%n", playbook.name(),
                honestOver, honest, optimistOver, optimist);
        assertThat(honest).isGreaterThan(200);
        assertThat(optimist).isGreaterThan(100);
        assertThat(honestOver / (double) honest).isLessThan(0.10);
        assertThat(optimistOver / (double) optimist).isGreaterThan(0.5);
    }
}

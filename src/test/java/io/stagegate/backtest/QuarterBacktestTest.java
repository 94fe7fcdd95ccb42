package io.stagegate.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Playbook;
import io.stagegate.forecast.Accuracy;
import io.stagegate.playbook.PlaybookLoader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Q3 2026 rebuilt from five deals' histories and set against what closed, per owner. */
class QuarterBacktestTest {
    private static final Playbook PLAYBOOK = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    private static final Evaluator TODAY = new Evaluator(PLAYBOOK, Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
    private static final LocalDate START = LocalDate.parse("2026-07-01");
    private static final LocalDate END = LocalDate.parse("2026-09-30");

    @Test
    void forecastOfTheFirstDayAgainstWhatClosedWonPerOwner() {
        OpportunityPast wonInQuarter = past("A", "005A", "Closed Won", "100000", "2026-08-10", "2026-05-01T10:00:00Z", null, Set.of(),
                Change.stage(at("2026-05-01T10:00:00Z"), null, "Value Proposition"),
                Change.closeDate(at("2026-05-01T10:00:00Z"), null, "2026-08-15"),
                Change.stage(at("2026-08-10T15:00:00Z"), "Value Proposition", "Closed Won"),
                Change.closeDate(at("2026-08-10T15:00:00Z"), "2026-08-15", "2026-08-10"));
        OpportunityPast createdMidQuarter = past("B", "005A", "Closed Won", "30000", "2026-09-01", "2026-07-20T10:00:00Z", null, Set.of(),
                Change.stage(at("2026-07-20T10:00:00Z"), null, "Prospecting"),
                Change.stage(at("2026-09-01T10:00:00Z"), "Prospecting", "Closed Won"));
        OpportunityPast deletedInQuarter = past("C", "005A", "Negotiation/Review", "20000", "2026-09-10", "2026-06-01T10:00:00Z",
                at("2026-08-01T00:00:00Z"), Set.of(), Change.stage(at("2026-06-01T10:00:00Z"), null, "Negotiation/Review"));
        OpportunityPast pushedOut = past("D", "005A", "Prospecting", "40000", "2026-11-30", "2026-06-01T10:00:00Z", null, Set.of(),
                Change.stage(at("2026-06-01T10:00:00Z"), null, "Prospecting"),
                Change.closeDate(at("2026-08-05T10:00:00Z"), "2026-09-20", "2026-11-30"));
        OpportunityPast untracked = past("E", "005B", "Value Proposition", "10000", "2026-09-01", "2026-06-01T10:00:00Z", null,
                Set.of("Solution_Fit_Confirmed__c"), Change.stage(at("2026-06-01T10:00:00Z"), null, "Value Proposition"));

        List<QuarterFigures> figures = QuarterBacktest.of(TODAY, List.of(wonInQuarter, createdMidQuarter, deletedInQuarter, pushedOut, untracked),
                START, END);

        assertThat(figures).extracting(QuarterFigures::owner).containsExactly("005A", "005B");
        QuarterFigures first = figures.get(0);
        assertThat(first.recordedForecast()).isEqualByComparingTo("72000"); // 0.50 × 100k + 0.90 × 20k + 0.10 × 40k
        assertThat(first.qualifiedForecast()).isEqualByComparingTo("16000"); // every deal qualified at Awareness (0.10)
        assertThat(first.forecastDeals()).isEqualTo(3);
        assertThat(first.closedWon()).isEqualByComparingTo("130000");
        assertThat(first.wonDeals()).isEqualTo(2);
        assertThat(first.dealsOnUnknown()).isZero();
        assertThat(first.qualifiedOnUnknown()).isEqualByComparingTo("0");
        assertThat(first.recordedAccuracy().accuracy()).isEqualByComparingTo("0.5538");
        assertThat(first.recordedAccuracy().error()).isEqualByComparingTo("-0.4462");
        assertThat(first.recordedAccuracy().bias()).isEqualTo(Accuracy.Bias.UNDER);
        QuarterFigures second = figures.get(1);
        assertThat(second.recordedForecast()).isEqualByComparingTo("5000");
        assertThat(second.qualifiedForecast()).isEqualByComparingTo("1000");
        assertThat(second.qualifiedOnUnknown()).isEqualByComparingTo("1000");
        assertThat(second.dealsOnUnknown()).isEqualTo(1);
        assertThat(second.closedWon()).isEqualByComparingTo("0");
        assertThat(second.qualifiedAccuracy().bias()).isEqualTo(Accuracy.Bias.OVER);
        assertThat(second.qualifiedAccuracy().error()).isNull();
    }

    @Test
    void perPipelineTheTotalTheOwnersAndTheDealsThatExplainTheMissLargestFirst() {
        OpportunityPast wonInQuarter = past("A", "005A", "Closed Won", "100000", "2026-08-10", "2026-05-01T10:00:00Z", null, Set.of(),
                Change.stage(at("2026-05-01T10:00:00Z"), null, "Value Proposition"),
                Change.closeDate(at("2026-05-01T10:00:00Z"), null, "2026-08-15"),
                Change.stage(at("2026-08-10T15:00:00Z"), "Value Proposition", "Closed Won"));
        OpportunityPast lost = past("C", "005B", "Closed Lost", "20000", "2026-09-10", "2026-06-01T10:00:00Z", null, Set.of(),
                Change.stage(at("2026-06-01T10:00:00Z"), null, "Negotiation/Review"),
                Change.stage(at("2026-09-10T10:00:00Z"), "Negotiation/Review", "Closed Lost"));
        OpportunityPast untracked = past("E", "005B", "Value Proposition", "10000", "2026-12-20", "2026-06-01T10:00:00Z", null,
                Set.of("Solution_Fit_Confirmed__c"), Change.stage(at("2026-06-01T10:00:00Z"), null, "Value Proposition"),
                Change.closeDate(at("2026-06-01T10:00:00Z"), null, "2026-09-01"),
                Change.closeDate(at("2026-09-01T10:00:00Z"), "2026-09-01", "2026-12-20"));

        List<PipelineQuarter> quarters = QuarterBacktest.byPipeline(TODAY, List.of(wonInQuarter, lost, untracked), START, END, 2);

        assertThat(quarters).hasSize(1);
        PipelineQuarter quarter = quarters.get(0);
        assertThat(quarter.total().owner()).isNull();
        assertThat(quarter.total().recordedForecast()).isEqualByComparingTo("73000"); // 0.50 × 100k + 0.90 × 20k + 0.50 × 10k
        assertThat(quarter.total().closedWon()).isEqualByComparingTo("100000");
        assertThat(quarter.total().forecastDeals()).isEqualTo(3);
        assertThat(quarter.total().dealsOnUnknown()).isEqualTo(1);
        assertThat(quarter.owners()).extracting(QuarterFigures::owner).containsExactly("005A", "005B");
        // A: 50k recorded, 10k qualified against 100k won (weight 90k); C: 18k recorded, 2k qualified, lost (18k); E: 5k, 1k (5k)
        assertThat(quarter.explaining()).extracting(DealOutcome::id).containsExactly("A", "C");
        DealOutcome a = quarter.explaining().get(0);
        assertThat(a.recordedGap()).isEqualByComparingTo("-50000");
        assertThat(a.qualifiedGap()).isEqualByComparingTo("-90000");
        assertThat(a.recordedStage()).isEqualTo("Value Proposition");
        assertThat(a.won()).isTrue();
        assertThat(QuarterBacktest.outcomes(TODAY, List.of(untracked), START, END).get(0).unknownRead()).containsExactly("Solution_Fit_Confirmed__c");
    }

    @Test
    void aQuarterEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> QuarterBacktest.of(TODAY, List.of(), END, START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }

    private static OpportunityPast past(String id, String owner, String stage, String amount, String closeDate, String created, Instant deleted,
            Set<String> untracked, Change... changes) {
        Opportunity now = new Opportunity(id, null, stage, new BigDecimal(amount), "USD", LocalDate.parse(closeDate), owner, Map.of(), Map.of(), null,
                List.of());
        return new OpportunityPast(now, at(created), deleted, List.of(changes), untracked, null, null);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}

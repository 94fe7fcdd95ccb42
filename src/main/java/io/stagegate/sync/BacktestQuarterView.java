package io.stagegate.sync;

import io.stagegate.backtest.DealOutcome;
import io.stagegate.backtest.PipelineQuarter;
import io.stagegate.backtest.QuarterFigures;
import io.stagegate.forecast.Accuracy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * One reconstructed quarter as a backtest stores and serves it (JSON): per pipeline and currency the total, the owners
 * and the deals that explain the miss. Each figure carries both forecasts' accuracy beside the signed error, and how
 * much of the qualified forecast rests on values without history. A chart reads it as it is.
 */
public record BacktestQuarterView(String quarter, LocalDate start, LocalDate end, List<Pipeline> pipelines) {

    public record Pipeline(String pipeline, String currency, Figures total, List<Figures> owners, List<Deal> explaining) {
    }

    /**
     * @param owner null for a pipeline's total
     * @param shareOnUnknown {@code qualifiedOnUnknown / qualifiedForecast}, four decimals (0 when nothing was forecast)
     */
    public record Figures(String owner, BigDecimal recordedForecast, BigDecimal qualifiedForecast, BigDecimal closedWon, int forecastDeals,
                          int wonDeals, Accuracy recordedAccuracy, Accuracy qualifiedAccuracy, BigDecimal qualifiedOnUnknown, int dealsOnUnknown,
                          BigDecimal shareOnUnknown) {
        static Figures of(QuarterFigures figures) {
            BigDecimal share = figures.qualifiedForecast().signum() == 0 ? BigDecimal.ZERO.setScale(4)
                    : figures.qualifiedOnUnknown().divide(figures.qualifiedForecast(), 4, RoundingMode.HALF_EVEN);
            return new Figures(figures.owner(), figures.recordedForecast(), figures.qualifiedForecast(), figures.closedWon(), figures.forecastDeals(),
                    figures.wonDeals(), figures.recordedAccuracy(), figures.qualifiedAccuracy(), figures.qualifiedOnUnknown(), figures.dealsOnUnknown(),
                    share);
        }
    }

    /** A deal that explains part of the miss: what it stood at on the first day and what it closed. */
    public record Deal(String id, String owner, String recordedStage, String qualifiedStage, BigDecimal amountThen, LocalDate closeDateThen,
                       BigDecimal recordedForecast, BigDecimal qualifiedForecast, boolean won, BigDecimal closedWon, BigDecimal recordedGap,
                       BigDecimal qualifiedGap, List<String> unknownRead) {
        static Deal of(DealOutcome outcome) {
            return new Deal(outcome.id(), outcome.owner(), outcome.recordedStage(), outcome.qualifiedStage(), outcome.amountThen(),
                    outcome.closeDateThen(), outcome.recordedForecast(), outcome.qualifiedForecast(), outcome.won(), outcome.closedWon(),
                    outcome.recordedGap(), outcome.qualifiedGap(), outcome.unknownRead());
        }
    }

    static BacktestQuarterView of(LocalDate start, LocalDate end, List<PipelineQuarter> pipelines) {
        String label = start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
        return new BacktestQuarterView(label, start, end, pipelines.stream().map(quarter -> new Pipeline(quarter.pipeline(), quarter.currency(),
                Figures.of(quarter.total()), quarter.owners().stream().map(Figures::of).toList(),
                quarter.explaining().stream().map(Deal::of).toList())).toList());
    }
}

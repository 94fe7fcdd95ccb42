package io.stagegate.backtest;

import java.util.List;
import java.util.Objects;

/**
 * One pipeline's quarter in one currency: the total ({@code owner} null), each owner's figures, and the opportunities
 * that explain most of the difference between the forecasts and what closed, largest first.
 */
public record PipelineQuarter(String pipeline, String currency, QuarterFigures total, List<QuarterFigures> owners, List<DealOutcome> explaining) {
    public PipelineQuarter {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        owners = List.copyOf(owners);
        explaining = List.copyOf(explaining);
    }
}

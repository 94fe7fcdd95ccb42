package io.stagegate.backtest;

import io.stagegate.forecast.Accuracy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One owner's reconstructed figures for one quarter in one currency.
 *
 * @param recordedForecast Σ amount × the recorded stage's probability of the deals open at the start of the first day
 *     with a close date in the quarter, as they stood then
 * @param qualifiedForecast the same deals' amount × qualified probability, judged with the fields of that day
 * @param closedWon the amounts of deals won with a close date in the quarter
 * @param qualifiedOnUnknown the part of {@code qualifiedForecast} from deals whose verdicts read a field or relation
 *     whose value that day is unknown (a floor for them: an unknown field counts as empty)
 * @param dealsOnUnknown how many of the forecast deals rest on unknown values
 */
public record QuarterFigures(LocalDate start, LocalDate end, String owner, String currency, BigDecimal recordedForecast,
                             BigDecimal qualifiedForecast, int forecastDeals, BigDecimal closedWon, int wonDeals,
                             BigDecimal qualifiedOnUnknown, int dealsOnUnknown) {
    public QuarterFigures {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(currency, "currency");
    }

    /** The reps' forecast against what closed (HubSpot's accuracy beside the signed error). */
    public Accuracy recordedAccuracy() {
        return Accuracy.of(recordedForecast, closedWon);
    }

    /** The qualified forecast against what closed. */
    public Accuracy qualifiedAccuracy() {
        return Accuracy.of(qualifiedForecast, closedWon);
    }
}

package io.stagegate.api;

import io.stagegate.forecast.ForecastSummary;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Totals of an evaluated batch; money per currency, never mixed. */
public record SummaryView(
        long opportunities,
        long open,
        long won,
        long lost,
        long overStaged,
        long stalled,
        long stageSkips,
        long movesSkippingCriteria,
        long movesSkippingStages,
        long regressions,
        Map<String, Money> byCurrency) {

    /** Open pipeline and forecasts in one currency: recorded (the CRM's weighted amount) vs qualified. */
    public record Money(BigDecimal openAmount, BigDecimal recordedForecast, BigDecimal qualifiedForecast, BigDecimal gap, BigDecimal wonAmount) {
    }

    public static SummaryView of(ForecastSummary summary) {
        Map<String, Money> money = new LinkedHashMap<>();
        summary.byCurrency().forEach((currency, totals) -> money.put(currency, new Money(
                totals.openAmount(), totals.recordedForecast(), totals.qualifiedForecast(), totals.gap(), totals.wonAmount())));
        return new SummaryView(summary.count(), summary.open(), summary.won(), summary.lost(), summary.overStaged(),
                summary.stalled(), summary.stageSkips(), summary.movesSkippingCriteria(), summary.movesSkippingStages(),
                summary.regressions(), money);
    }
}

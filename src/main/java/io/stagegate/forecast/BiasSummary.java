package io.stagegate.forecast;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One forecaster's lean over several periods: in how many the forecast was over, under or exact, and the accuracy of
 * the summed forecast against the summed actual, whose signed error is the lean in one figure (a rep 40 % over in one
 * quarter and 40 % under in the next, on equal actuals, comes out even, as the company's forecast did).
 */
public record BiasSummary(int periods, int over, int under, int exact, Accuracy combined) {
    public BiasSummary {
        Objects.requireNonNull(combined, "combined");
    }

    public static BiasSummary of(List<Accuracy> periods) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a bias needs at least one period");
        }
        int over = 0;
        int under = 0;
        BigDecimal forecast = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        for (Accuracy period : periods) {
            over += period.bias() == Accuracy.Bias.OVER ? 1 : 0;
            under += period.bias() == Accuracy.Bias.UNDER ? 1 : 0;
            forecast = forecast.add(period.forecast());
            actual = actual.add(period.actual());
        }
        return new BiasSummary(periods.size(), over, under, periods.size() - over - under, Accuracy.of(forecast, actual));
    }
}

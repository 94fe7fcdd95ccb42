package io.stagegate.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How close a forecast F came to the actual A: HubSpot's accuracy {@code max(0, 1 − |A − F| / A)} beside the signed error
 * {@code (F − A) / A}, whose sign says which way the forecaster leans. Both are rounded to four decimals.
 *
 * <p>With nothing won (A = 0) the ratios have no denominator: a forecast of zero was exact (accuracy 1, error 0), any
 * other forecast missed completely (accuracy 0) by an error that has no finite ratio ({@code error} is null), and the
 * bias is still known.
 */
public record Accuracy(BigDecimal forecast, BigDecimal actual, BigDecimal accuracy, BigDecimal error, Bias bias) {
    private static final int SCALE = 4;

    /** Which way a forecast missed. */
    public enum Bias {
        /** Forecast above what closed: optimism, over-staging. */
        OVER,
        /** Forecast below what closed: sandbagging, or deals that came from nowhere. */
        UNDER,
        EXACT
    }

    public Accuracy {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(bias, "bias");
    }

    public static Accuracy of(BigDecimal forecast, BigDecimal actual) {
        int sign = forecast.compareTo(actual);
        Bias bias = sign > 0 ? Bias.OVER : sign < 0 ? Bias.UNDER : Bias.EXACT;
        if (actual.signum() == 0) {
            return bias == Bias.EXACT ? new Accuracy(forecast, actual, BigDecimal.ONE.setScale(SCALE), BigDecimal.ZERO.setScale(SCALE), bias)
                    : new Accuracy(forecast, actual, BigDecimal.ZERO.setScale(SCALE), null, bias);
        }
        BigDecimal error = forecast.subtract(actual).divide(actual.abs(), MathContext.DECIMAL64);
        BigDecimal accuracy = BigDecimal.ONE.subtract(error.abs()).max(BigDecimal.ZERO);
        return new Accuracy(forecast, actual, accuracy.setScale(SCALE, RoundingMode.HALF_EVEN), error.setScale(SCALE, RoundingMode.HALF_EVEN), bias);
    }
}

package io.stagegate.web;

import io.stagegate.forecast.Accuracy;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Accuracy, signed error and shares as the pages print them: percentages with one decimal (the API keeps four-decimal ratios). */
final class Ratio {
    private Ratio() {
    }

    static String percent(BigDecimal ratio) {
        if (ratio == null) {
            return "—";
        }
        return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
    }

    /** The signed error with its sign; with nothing won the error has no finite ratio, and only the lean is known. */
    static String error(Accuracy accuracy) {
        if (accuracy.error() == null) {
            return accuracy.bias() == Accuracy.Bias.OVER ? "over, nothing won" : "—";
        }
        return (accuracy.error().signum() > 0 ? "+" : "") + percent(accuracy.error());
    }
}

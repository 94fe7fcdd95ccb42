package io.stagegate.criteria;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How a CRM writes a probability: Salesforce as a percentage (0–100), HubSpot as a fraction (0–1). */
public enum ProbabilityScale {
    PERCENT(new BigDecimal("100")),
    FRACTION(BigDecimal.ONE);

    private final BigDecimal max;

    ProbabilityScale(BigDecimal max) {
        this.max = max;
    }

    public BigDecimal max() {
        return max;
    }

    /** Converts a value written on this scale to a fraction between 0 and 1. */
    public BigDecimal toFraction(BigDecimal value) {
        return this == FRACTION ? value : plain(value.divide(max, 6, RoundingMode.HALF_UP));
    }

    /** Converts a fraction between 0 and 1 to this scale. */
    public BigDecimal fromFraction(BigDecimal fraction) {
        return this == FRACTION ? fraction : plain(fraction.multiply(max));
    }

    /** Drops trailing zeros without turning 20 into 2E+1. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public boolean contains(BigDecimal value) {
        return value.signum() >= 0 && value.compareTo(max) <= 0;
    }
}

package io.stagegate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AccuracyTest {
    private static Accuracy of(String forecast, String actual) {
        return Accuracy.of(new BigDecimal(forecast), new BigDecimal(actual));
    }

    @Test
    void anOptimistOverForecastsAndTheErrorIsPositive() {
        // F = 150, A = 100: |A − F| / A = 0.5, accuracy 0.5, error +0.5
        Accuracy a = of("150", "100");
        assertThat(a.accuracy()).isEqualByComparingTo("0.5");
        assertThat(a.error()).isEqualByComparingTo("0.5");
        assertThat(a.bias()).isEqualTo(Accuracy.Bias.OVER);
    }

    @Test
    void aSandbaggerUnderForecastsAndTheErrorIsNegative() {
        // F = 50, A = 60: 1 − 10/60 = 0.83333 → 0.8333; (50 − 60) / 60 = −0.16667 → −0.1667
        Accuracy a = of("50", "60");
        assertThat(a.accuracy()).isEqualTo(new BigDecimal("0.8333"));
        assertThat(a.error()).isEqualTo(new BigDecimal("-0.1667"));
        assertThat(a.bias()).isEqualTo(Accuracy.Bias.UNDER);
    }

    @Test
    void aForecastMoreThanTwiceTheActualScoresZeroNotBelow() {
        Accuracy a = of("300", "100");
        assertThat(a.accuracy()).isEqualByComparingTo("0");
        assertThat(a.error()).isEqualByComparingTo("2");
    }

    @Test
    void nothingWonHasNoRatioButABias() {
        assertThat(of("0", "0")).satisfies(a -> {
            assertThat(a.accuracy()).isEqualByComparingTo("1");
            assertThat(a.error()).isEqualByComparingTo("0");
            assertThat(a.bias()).isEqualTo(Accuracy.Bias.EXACT);
        });
        assertThat(of("10", "0")).satisfies(a -> {
            assertThat(a.accuracy()).isEqualByComparingTo("0");
            assertThat(a.error()).isNull();
            assertThat(a.bias()).isEqualTo(Accuracy.Bias.OVER);
        });
    }

    @Test
    void anExactForecastIsExact() {
        Accuracy a = of("1234.50", "1234.5");
        assertThat(a.accuracy()).isEqualByComparingTo("1");
        assertThat(a.error()).isEqualByComparingTo("0");
        assertThat(a.bias()).isEqualTo(Accuracy.Bias.EXACT);
    }
}

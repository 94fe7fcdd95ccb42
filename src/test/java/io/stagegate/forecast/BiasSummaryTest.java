package io.stagegate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiasSummaryTest {
    private static Accuracy of(String forecast, String actual) {
        return Accuracy.of(new BigDecimal(forecast), new BigDecimal(actual));
    }

    @Test
    void anOptimistLeansOverInMostPeriodsAndInTheSum() {
        // 150/100, 120/100, 90/100: over twice, under once; summed 360 for 300 → error +0.2, accuracy 0.8
        BiasSummary jim = BiasSummary.of(List.of(of("150", "100"), of("120", "100"), of("90", "100")));
        assertThat(jim.periods()).isEqualTo(3);
        assertThat(jim.over()).isEqualTo(2);
        assertThat(jim.under()).isEqualTo(1);
        assertThat(jim.exact()).isZero();
        assertThat(jim.combined().error()).isEqualByComparingTo("0.2");
        assertThat(jim.combined().accuracy()).isEqualByComparingTo("0.8");
        assertThat(jim.combined().bias()).isEqualTo(Accuracy.Bias.OVER);
    }

    @Test
    void missesBothWaysEvenOut() {
        BiasSummary even = BiasSummary.of(List.of(of("140", "100"), of("60", "100"), of("0", "0")));
        assertThat(even.exact()).isEqualTo(1);
        assertThat(even.combined().bias()).isEqualTo(Accuracy.Bias.EXACT);
        assertThat(even.combined().error()).isEqualByComparingTo("0");
    }
}

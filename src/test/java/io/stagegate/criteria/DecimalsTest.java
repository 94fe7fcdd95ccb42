package io.stagegate.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The number bounds: huge exponents are refused without ever being computed, every real amount passes exactly. */
class DecimalsTest {
    private static final Duration QUICK = Duration.ofSeconds(2);

    @Test
    void hugeExponentsAreRefusedWithoutComputingThem() {
        assertTimeoutPreemptively(QUICK, () -> {
            assertThatThrownBy(() -> Decimals.parse("1E+100000000")).hasMessageContaining("too large");
            assertThatThrownBy(() -> Decimals.parse("1e400")).hasMessageContaining("too large");
            assertThatThrownBy(() -> Decimals.parse("0E+100000000")).hasMessageContaining("too large");
            assertThatThrownBy(() -> Decimals.parse("1E-100000000")).hasMessageContaining("after the decimal point");
            assertThatThrownBy(() -> Decimals.parse("0E-100000000")).hasMessageContaining("after the decimal point");
            assertThatThrownBy(() -> Decimals.parse("1E+2147483648")).hasMessageContaining("not a number");
        });
    }

    @Test
    void longTextsAreRefusedBeforeTheyAreParsed() {
        String digits = "9".repeat(5_000_000);
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Decimals.parse(digits))
                .hasMessage("is longer than " + Decimals.MAX_TEXT_LENGTH + " characters"));
    }

    @Test
    void realAmountsPassExactly() {
        assertThat(Decimals.parse("123456789012345.67")).isEqualByComparingTo("123456789012345.67")
                .extracting(BigDecimal::scale).isEqualTo(2);
        assertThat(Decimals.parse("999999999999999999")).isEqualByComparingTo("999999999999999999");
        assertThat(Decimals.parse("1.2E+5")).isEqualByComparingTo("120000");
        assertThat(Decimals.parse("0.30000000000000004")).isEqualByComparingTo("0.30000000000000004");
        assertThat(Decimals.parse(" 30000 ")).isEqualByComparingTo("30000");
        assertThatThrownBy(() -> Decimals.parse("1000000000000000000")).hasMessageContaining("too large");
    }

    @Test
    void theEvaluatorRefusesAnAmountOutOfBoundsInsteadOfRescalingIt() {
        Evaluator evaluator = TestPlaybooks.salesforceEvaluator();
        for (String huge : new String[] {"1E+100000000", "1E-100000000", "0E-100000000"}) {
            Opportunity won = Opps.opp("006H").stage(TestPlaybooks.CLOSED_WON).amount(new BigDecimal(huge)).build();
            assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> evaluator.evaluate(won, TestPlaybooks.TODAY))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessageStartingWith("amount ")
                    .extracting(e -> ((EvaluationException) e).field()).isEqualTo("amount"));
        }
    }

    @Test
    void rulesReadANumberOutOfBoundsAsNoNumber() {
        assertTimeoutPreemptively(QUICK, () -> {
            assertThat(Values.asNumber("1E+100000000")).isNull();
            assertThat(Values.asNumber(new BigDecimal("1E-100000000"))).isNull();
            assertThat(Values.asNumber("9".repeat(1_000_000))).isNull();
            assertThat(Values.asNumber(1e300)).isNull();
            assertThat(Values.asNumber("250000.50")).isEqualByComparingTo("250000.50");
        });
    }
}

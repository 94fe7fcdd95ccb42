package io.stagegate.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** Amounts as the pages print them: whole units with thousands separators (the API keeps the exact figures). */
final class Money {
    private Money() {
    }

    static String of(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        return NumberFormat.getIntegerInstance(Locale.US).format(amount.setScale(0, RoundingMode.HALF_UP));
    }

    /** With an explicit sign, for changes. */
    static String change(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        return (amount.signum() > 0 ? "+" : "") + of(amount);
    }
}

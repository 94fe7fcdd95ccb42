package io.stagegate.criteria;

import java.math.BigDecimal;

/**
 * The bounds every decimal number must keep before the engine does arithmetic with it. A number is a short text whose
 * exponent can be huge ({@code 1E+100000000} is twelve characters): rescaling or printing it plainly computes every
 * digit, minutes of CPU and gigabytes of memory. No amount, probability or criterion threshold comes near these
 * limits, so a number outside them is refused where it enters, and the checks here never compute the value itself.
 */
public final class Decimals {
    /** Longest accepted text of a number; longer texts are refused before they are parsed. */
    public static final int MAX_TEXT_LENGTH = 100;
    /** At most this many digits before the decimal point: every value is below 10^18. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** At most this many digits after the decimal point (enough for a binary floating-point value printed in full). */
    public static final int MAX_FRACTION_DIGITS = 20;

    private Decimals() {
    }

    /** Why {@code value} is out of bounds, or {@code null} when it is within them. */
    public static String problem(BigDecimal value) {
        if (value.scale() > MAX_FRACTION_DIGITS) {
            return "has more than " + MAX_FRACTION_DIGITS + " digits after the decimal point";
        }
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            return "is too large (more than " + MAX_INTEGER_DIGITS + " digits before the decimal point)";
        }
        return null;
    }

    public static boolean withinBounds(BigDecimal value) {
        return problem(value) == null;
    }

    /**
     * Reads a number written as text.
     *
     * @throws NumberFormatException saying what is wrong (not a number, too long, out of bounds), without the text
     */
    public static BigDecimal parse(String text) {
        String trimmed = text.trim();
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            throw new NumberFormatException("is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("is not a number");
        }
        String problem = problem(value);
        if (problem != null) {
            throw new NumberFormatException(problem);
        }
        return value;
    }
}

package io.stagegate.sandbox.org;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A set of values that every rule reading the field judges alike; its kinds are the nested classes. */
abstract class ValueClass {
    /** Values to evaluate at {@link RuleValues#REFERENCE_DAY} (null = absent): all must get the same verdicts. */
    abstract List<Object> probes();

    abstract Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter);

    /** One exact value, or absence. */
    static final class Fixed extends ValueClass {
        static final Fixed ABSENT = new Fixed(null);
        final Object value;

        Fixed(Object value) {
            this.value = value;
        }

        @Override
        List<Object> probes() {
            List<Object> probes = new ArrayList<>(1);
            probes.add(value);
            return probes;
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            return value;
        }

        @Override
        public String toString() {
            return value == null ? "absent" : "'" + value + "'";
        }
    }

    /** Days {@code from}…{@code to} (inclusive offsets from the evaluation day; RuleValues.PAST / RuleValues.FUTURE when unbounded). */
    static final class DateSpan extends ValueClass {
        final int from;
        final int to;

        DateSpan(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        List<Object> probes() {
            return List.of(
                    RuleValues.REFERENCE_DAY.plusDays(from == RuleValues.PAST ? Math.min(to, 0) - 3650L : from),
                    RuleValues.REFERENCE_DAY.plusDays(to == RuleValues.FUTURE ? Math.max(from, 0) + 3650L : to));
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            long lo = Math.max((long) from, notBefore);
            long hi = Math.min((long) to, notAfter);
            if (lo > hi) {
                lo = from;
                hi = to;
            }
            if (lo == RuleValues.PAST && hi == RuleValues.FUTURE) {
                lo = -30;
                hi = 21;
            } else if (lo == RuleValues.PAST) {
                lo = hi - 45;
            } else if (hi == RuleValues.FUTURE) {
                hi = lo + 21;
            }
            return today.plusDays(lo + random.nextLong(hi - lo + 1));
        }

        @Override
        public String toString() {
            return "days[" + (from == RuleValues.PAST ? "-inf" : from) + ", " + (to == RuleValues.FUTURE ? "+inf" : to) + "]";
        }
    }

    /** Numbers in [from, to); null bounds are unbounded. Sampled as whole units where the span allows. */
    static final class NumberSpan extends ValueClass {
        final BigDecimal from;
        final BigDecimal to;

        NumberSpan(BigDecimal from, BigDecimal to) {
            this.from = from;
            this.to = to;
        }

        @Override
        List<Object> probes() {
            if (from == null) {
                return List.of(to.subtract(BigDecimal.ONE), to.subtract(BigDecimal.valueOf(1_000_000)));
            }
            if (to == null) {
                return List.of(from, from.add(BigDecimal.valueOf(1_000_000)));
            }
            return List.of(from);
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            if (from == null) {
                long spread = Math.max(1, to.abs().longValue() / 2);
                return to.subtract(BigDecimal.ONE).subtract(BigDecimal.valueOf(random.nextLong(spread))).setScale(0, RoundingMode.FLOOR).min(to.subtract(BigDecimal.ONE));
            }
            if (to == null) {
                long spread = Math.max(1, from.abs().longValue());
                return from.add(BigDecimal.valueOf(random.nextLong(spread))).setScale(0, RoundingMode.CEILING).max(from);
            }
            BigDecimal width = to.subtract(from);
            if (width.compareTo(BigDecimal.ONE) <= 0) {
                return from;
            }
            BigDecimal value = from.add(BigDecimal.valueOf(random.nextLong(width.longValue()))).setScale(0, RoundingMode.CEILING);
            return value.compareTo(to) < 0 ? value : from;
        }

        @Override
        public String toString() {
            return "number[" + from + ", " + to + ")";
        }
    }

    /** Counts from…to inclusive (to may be RuleValues.FUTURE = unbounded). */
    static final class CountSpan extends ValueClass {
        final int from;
        final int to;

        CountSpan(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        List<Object> probes() {
            return List.of(from, to == RuleValues.FUTURE ? from + 1000 : to);
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            int hi = to == RuleValues.FUTURE ? from + 3 : to;
            return from + random.nextInt(hi - from + 1);
        }

        @Override
        public String toString() {
            return "count[" + from + ", " + (to == RuleValues.FUTURE ? "+inf" : to) + "]";
        }
    }

    /** Real text of at least {@code minLength} characters. */
    static final class RealText extends ValueClass {
        private static final List<String> PHRASES = List.of(
                "Confirmed by the buyer on the weekly call",
                "Agreed with the CFO and the head of IT",
                "Documented in the joint evaluation plan",
                "Confirmed in writing by the economic buyer",
                "Reviewed with procurement and legal");
        final int minLength;

        RealText(int minLength) {
            this.minLength = minLength;
        }

        @Override
        List<Object> probes() {
            return List.of(pad(PHRASES.get(0)));
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            return pad(PHRASES.get(random.nextInt(PHRASES.size())));
        }

        private String pad(String phrase) {
            StringBuilder text = new StringBuilder(phrase);
            while (text.length() < minLength) {
                text.append("; ").append(phrase);
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return "text(>=" + minLength + ")";
        }
    }
}

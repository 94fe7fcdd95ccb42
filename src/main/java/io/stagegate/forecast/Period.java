package io.stagegate.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar period [start, end): a year ({@code 2026}), a quarter ({@code 2026-Q4}) or a month ({@code 2026-11}). */
public record Period(Unit unit, LocalDate start) {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    public enum Unit {
        MONTH(1), QUARTER(3), YEAR(12);

        private final int months;

        Unit(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }

        /** {@code month}, {@code quarter}, {@code year}, as written in a query. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Period {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        if (start.getDayOfMonth() != 1 || (start.getMonthValue() - 1) % unit.months() != 0) {
            throw new IllegalArgumentException(start + " does not start a " + unit.key());
        }
    }

    /** The period of {@code unit} that contains {@code day}. */
    public static Period containing(Unit unit, LocalDate day) {
        int month = (day.getMonthValue() - 1) / unit.months() * unit.months() + 1;
        return new Period(unit, LocalDate.of(day.getYear(), month, 1));
    }

    /** Reads {@code 2026}, {@code 2026-Q4} or {@code 2026-11}; throws {@link IllegalArgumentException} on anything else. */
    public static Period parse(String text) {
        Matcher m = YEAR.matcher(text);
        if (m.matches()) {
            return new Period(Unit.YEAR, LocalDate.of(Integer.parseInt(m.group(1)), 1, 1));
        }
        m = QUARTER.matcher(text);
        if (m.matches()) {
            return new Period(Unit.QUARTER, LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1));
        }
        m = MONTH.matcher(text);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return new Period(Unit.MONTH, LocalDate.of(Integer.parseInt(m.group(1)), month, 1));
            }
        }
        throw new IllegalArgumentException("not a period: use a year (2026), a quarter (2026-Q4) or a month (2026-11)");
    }

    /** The first day after the period. */
    public LocalDate end() {
        return start.plusMonths(unit.months());
    }

    public Period next() {
        return new Period(unit, end());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end());
    }

    /** {@code 2026}, {@code 2026-Q4} or {@code 2026-11}: what {@link #parse} reads. */
    public String label() {
        return switch (unit) {
            case YEAR -> String.valueOf(start.getYear());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case MONTH -> YearMonth.from(start).toString();
        };
    }

    @Override
    public String toString() {
        return label();
    }
}

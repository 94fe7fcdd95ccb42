package io.stagegate.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** How SOQL compares, decodes and matches values. */
final class SoqlValues {
    /** A half-open range {@code [from, to)} of LocalDate or Instant: what a relative date literal stands for. */
    record Range(Comparable<Object> from, Comparable<Object> to) {
    }

    /** One decoded LIKE pattern character: a literal character or a wildcard ({@code %} or {@code _}). */
    record PatternChar(char c, boolean wildcard) {
    }

    private SoqlValues() {
    }

    /** Compares two non-null values of one kind: text case-insensitively, ids exactly, the rest naturally. */
    @SuppressWarnings("unchecked")
    static int compare(FieldType.Kind kind, Object a, Object b) {
        switch (kind) {
            case TEXT:
                return String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
            case NUMBER:
                return number(a).compareTo(number(b));
            default:
                return ((Comparable<Object>) a).compareTo(b);
        }
    }

    private static BigDecimal number(Object value) {
        return value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
    }

    /**
     * Decodes a string literal's escapes ({@code \' \\ \n \r \t \b \f \"} and a backslash-u with four hex digits; in LIKE also {@code \% \_}).
     * Returns the characters, each flagged when it is an unescaped LIKE wildcard; {@code null} for an illegal escape.
     */
    static PatternChar[] decode(String raw, boolean like) {
        java.util.List<PatternChar> chars = new java.util.ArrayList<>();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                chars.add(new PatternChar(c, like && (c == '%' || c == '_')));
                continue;
            }
            if (i + 1 >= raw.length()) {
                return null;
            }
            char escaped = raw.charAt(++i);
            switch (escaped) {
                case '\'':
                case '\\':
                case '"':
                    chars.add(new PatternChar(escaped, false));
                    break;
                case 'n':
                    chars.add(new PatternChar('\n', false));
                    break;
                case 'r':
                    chars.add(new PatternChar('\r', false));
                    break;
                case 't':
                    chars.add(new PatternChar('\t', false));
                    break;
                case 'b':
                    chars.add(new PatternChar('\b', false));
                    break;
                case 'f':
                    chars.add(new PatternChar('\f', false));
                    break;
                case 'u':
                    if (i + 4 >= raw.length()) {
                        return null;
                    }
                    try {
                        chars.add(new PatternChar((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16), false));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i += 4;
                    break;
                case '%':
                case '_':
                    if (!like) {
                        return null;
                    }
                    chars.add(new PatternChar(escaped, false));
                    break;
                default:
                    return null;
            }
        }
        return chars.toArray(new PatternChar[0]);
    }

    static String text(PatternChar[] chars) {
        StringBuilder text = new StringBuilder(chars.length);
        for (PatternChar c : chars) {
            text.append(c.c());
        }
        return text.toString();
    }

    /** LIKE: {@code %} any run, {@code _} one character, case-insensitive; greedy with backtracking to the last {@code %}. */
    static boolean like(String value, PatternChar[] pattern) {
        int v = 0;
        int p = 0;
        int starP = -1;
        int starV = 0;
        while (v < value.length()) {
            if (p < pattern.length && pattern[p].wildcard() && pattern[p].c() == '%') {
                starP = p++;
                starV = v;
            } else if (p < pattern.length && matchesOne(pattern[p], value.charAt(v))) {
                p++;
                v++;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p].wildcard() && pattern[p].c() == '%') {
            p++;
        }
        return p == pattern.length;
    }

    private static boolean matchesOne(PatternChar pattern, char c) {
        return pattern.wildcard() ? pattern.c() == '_' : same(pattern.c(), c);
    }

    private static boolean same(char a, char b) {
        return a == b || Character.toLowerCase(Character.toUpperCase(a)) == Character.toLowerCase(Character.toUpperCase(b));
    }

    /** The days a relative date literal covers, as dates or (for datetime fields) instants in GMT, the org's time zone. */
    @SuppressWarnings("unchecked")
    static Range range(SoqlQuery.RelativeDate literal, LocalDate today, boolean datetime) {
        LocalDate[] days = days(literal.name(), literal.n() == null ? 0 : literal.n(), today);
        if (!datetime) {
            return new Range((Comparable<Object>) (Comparable<?>) days[0], (Comparable<Object>) (Comparable<?>) days[1]);
        }
        Instant from = days[0].atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = days[1].atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Range((Comparable<Object>) (Comparable<?>) from, (Comparable<Object>) (Comparable<?>) to);
    }

    private static LocalDate[] days(String name, int n, LocalDate today) {
        LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate month = today.withDayOfMonth(1);
        LocalDate quarter = today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
        LocalDate year = today.withDayOfYear(1);
        switch (name) {
            case "TODAY":
                return span(today, today.plusDays(1));
            case "YESTERDAY":
                return span(today.minusDays(1), today);
            case "TOMORROW":
                return span(today.plusDays(1), today.plusDays(2));
            case "THIS_WEEK":
                return span(week, week.plusWeeks(1));
            case "LAST_WEEK":
                return span(week.minusWeeks(1), week);
            case "NEXT_WEEK":
                return span(week.plusWeeks(1), week.plusWeeks(2));
            case "THIS_MONTH":
                return span(month, month.plusMonths(1));
            case "LAST_MONTH":
                return span(month.minusMonths(1), month);
            case "NEXT_MONTH":
                return span(month.plusMonths(1), month.plusMonths(2));
            case "THIS_QUARTER":
                return span(quarter, quarter.plusMonths(3));
            case "LAST_QUARTER":
                return span(quarter.minusMonths(3), quarter);
            case "NEXT_QUARTER":
                return span(quarter.plusMonths(3), quarter.plusMonths(6));
            case "THIS_YEAR":
                return span(year, year.plusYears(1));
            case "LAST_YEAR":
                return span(year.minusYears(1), year);
            case "NEXT_YEAR":
                return span(year.plusYears(1), year.plusYears(2));
            case "LAST_90_DAYS":
                return span(today.minusDays(90), today.plusDays(1));
            case "NEXT_90_DAYS":
                return span(today.plusDays(1), today.plusDays(91));
            case "LAST_N_DAYS":
                return span(today.minusDays(n), today.plusDays(1));
            case "NEXT_N_DAYS":
                return span(today.plusDays(1), today.plusDays(n + 1L));
            case "N_DAYS_AGO":
                return span(today.minusDays(n), today.minusDays(n - 1L));
            default:
                throw new IllegalArgumentException("unknown date literal " + name);
        }
    }

    private static LocalDate[] span(LocalDate from, LocalDate to) {
        return new LocalDate[] {from, to};
    }
}

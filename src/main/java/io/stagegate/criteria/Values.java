package io.stagegate.criteria;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads CRM field values leniently: typed Java values, Salesforce JSON values and HubSpot's everything-is-a-string
 * values alike. A value that cannot be read as the wanted type reads as {@code null}, never as an exception.
 */
final class Values {
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final int MAX_OBSERVED = 120;
    private static final long SECONDS_PER_DAY = 86_400L;

    private Values() {
    }

    static Boolean asBoolean(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue() != 0;
        }
        if (value instanceof CharSequence) {
            switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "y": case "1": case "x":
                    return Boolean.TRUE;
                case "false": case "no": case "n": case "0": case "":
                    return Boolean.FALSE;
                default:
                    return null;
            }
        }
        return null;
    }

    /** Dates are read in UTC when they come with a time: CRMs store date-only fields as midnight UTC. */
    static LocalDate asDate(Object value) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        try {
            if (value instanceof Instant) {
                return dayOf((Instant) value, ZoneOffset.UTC);
            }
            if (value instanceof OffsetDateTime) {
                return ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            }
            if (value instanceof LocalDateTime) {
                return ((LocalDateTime) value).toLocalDate();
            }
            if (value instanceof CharSequence) {
                return parseDate(value.toString().trim());
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /**
     * The day {@code instant} falls on in {@code zone}, as {@link LocalDate#ofInstant}, which on Java 17 builds new
     * {@link java.time.zone.ZoneRules} for a {@link ZoneOffset} on every call.
     */
    static LocalDate dayOf(Instant instant, ZoneId zone) {
        ZoneOffset offset = zone instanceof ZoneOffset ? (ZoneOffset) zone : zone.getRules().getOffset(instant);
        return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond() + offset.getTotalSeconds(), SECONDS_PER_DAY));
    }

    private static LocalDate parseDate(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10 && text.charAt(4) == '-') {
                return isPlainIsoDate(text) ? plainIsoDate(text) : LocalDate.parse(text);
            }
            if (isDigits(text)) {
                return dayOf(Instant.ofEpochMilli(Long.parseLong(text)), ZoneOffset.UTC);
            }
            if (text.endsWith("Z")) {
                return dayOf(Instant.parse(text), ZoneOffset.UTC);
            }
            if (text.matches(".*[+-]\\d{4}$")) {
                return OffsetDateTime.parse(text, SALESFORCE_DATETIME).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            }
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd} in ASCII digits: the common case, read without the general ISO parser. */
    private static boolean isPlainIsoDate(String text) {
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            boolean ok = i == 4 || i == 7 ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Reads a {@link #isPlainIsoDate plain ISO date} as {@link LocalDate#parse} would; an impossible day reads as null. */
    private static LocalDate plainIsoDate(String text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return text.length() <= 15;
    }

    /** A number outside {@link Decimals}' bounds reads as null, so no rule ever compares or rescales a huge exponent. */
    static BigDecimal asNumber(Object value) {
        BigDecimal number = readNumber(value);
        return number != null && Decimals.withinBounds(number) ? number : null;
    }

    private static BigDecimal readNumber(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
        }
        if (value instanceof CharSequence) {
            String text = value.toString().trim();
            if (text.isEmpty() || text.length() > Decimals.MAX_TEXT_LENGTH) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String asText(Object value) {
        return value == null ? null : value.toString();
    }

    /** Writes what a rule saw, for example {@code Budget_Confirmed__c=true} or {@code Demo_Date__c=empty}. */
    static String describe(String field, Object value) {
        if (value == null) {
            return field + "=empty";
        }
        if (value instanceof LocalDate) {
            return describeDate(field, (LocalDate) value);
        }
        String text = value.toString();
        if (text.length() > MAX_OBSERVED) {
            text = text.substring(0, MAX_OBSERVED) + "…";
        }
        return field + "=" + text;
    }

    /** As {@code field + "=" + date}, without the intermediate text of {@link LocalDate#toString()}. */
    private static String describeDate(String field, LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return field + "=" + date;
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        return field + "=" + year + (month < 10 ? "-0" : "-") + month + (day < 10 ? "-0" : "-") + day;
    }

    /** Appends exactly what {@link #describe} returns, without making a string of it first. */
    static void describe(StringBuilder observed, String field, Object value) {
        observed.append(field).append('=');
        if (value == null) {
            observed.append("empty");
        } else if (value instanceof LocalDate) {
            appendDate(observed, (LocalDate) value);
        } else {
            String text = value.toString();
            if (text.length() > MAX_OBSERVED) {
                observed.append(text, 0, MAX_OBSERVED).append('…');
            } else {
                observed.append(text);
            }
        }
    }

    private static void appendDate(StringBuilder observed, LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            observed.append(date);
            return;
        }
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        observed.append(year).append(month < 10 ? "-0" : "-").append(month).append(day < 10 ? "-0" : "-").append(day);
    }

    /** In rule order, so that queries built from a playbook are the same text on every run. */
    static Set<String> fieldsOf(List<Rule> rules) {
        Set<String> fields = new LinkedHashSet<>();
        rules.forEach(rule -> fields.addAll(rule.fields()));
        return java.util.Collections.unmodifiableSet(fields);
    }

    static Set<String> relationsOf(List<Rule> rules) {
        Set<String> relations = new LinkedHashSet<>();
        rules.forEach(rule -> relations.addAll(rule.relations()));
        return java.util.Collections.unmodifiableSet(relations);
    }
}

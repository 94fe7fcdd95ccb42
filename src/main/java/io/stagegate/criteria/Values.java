package io.stagegate.criteria;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
                return LocalDate.ofInstant((Instant) value, ZoneOffset.UTC);
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

    private static LocalDate parseDate(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10 && text.charAt(4) == '-') {
                return LocalDate.parse(text);
            }
            if (isDigits(text)) {
                return LocalDate.ofInstant(Instant.ofEpochMilli(Long.parseLong(text)), ZoneOffset.UTC);
            }
            if (text.endsWith("Z")) {
                return LocalDate.ofInstant(Instant.parse(text), ZoneOffset.UTC);
            }
            if (text.matches(".*[+-]\\d{4}$")) {
                return OffsetDateTime.parse(text, SALESFORCE_DATETIME).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            }
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return text.length() <= 15;
    }

    static BigDecimal asNumber(Object value) {
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
            if (text.isEmpty()) {
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
        String text = value.toString();
        if (text.length() > MAX_OBSERVED) {
            text = text.substring(0, MAX_OBSERVED) + "…";
        }
        return field + "=" + text;
    }

    static void append(StringBuilder observed, String part) {
        if (observed.length() > 0) {
            observed.append(", ");
        }
        observed.append(part);
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

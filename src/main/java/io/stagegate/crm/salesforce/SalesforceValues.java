package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Set;

/**
 * Salesforce's JSON values in Java types: checkbox as Boolean, numbers as BigDecimal, dates as LocalDate, datetimes
 * ({@code 2024-05-07T22:07:19.000+0000}: no colon in the offset) as Instant, everything else as String.
 */
final class SalesforceValues {
    /** Accepts {@code +0000} (what Salesforce sends), {@code +00:00} and {@code Z}, with or without milliseconds. */
    static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    static final DateTimeFormatter WRITE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> NUMBER_TYPES = Set.of("currency", "double", "percent", "int", "long");

    private SalesforceValues() {
    }

    static Instant instant(String text) {
        Instant fast = salesforceDatetime(text);
        return fast != null ? fast : OffsetDateTime.parse(text, DATETIME).toInstant();
    }

    /**
     * {@code 2024-05-07T22:07:19.000+0000}, the one shape Salesforce sends, read without the general formatter: a page of
     * 2,000 opportunities carries some 12,000 datetimes (stamps, history rows), and the formatter's parse was a tenth
     * of the sync's CPU time in a profile of the 10,000-record backfill. Null for any other shape, or a field out of
     * range, which the formatter then reads or refuses with its own message.
     */
    private static Instant salesforceDatetime(String text) {
        if (text.length() != 28 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(19) != '.' || (text.charAt(23) != '+' && text.charAt(23) != '-')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        int offsetHours = digits(text, 24, 26);
        int offsetMinutes = digits(text, 26, 28);
        if ((year | month | day | hour | minute | second | millis | offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
            return null;
        }
        try {
            int offsetSeconds = (text.charAt(23) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : instant(node.asText());
    }

    static LocalDate date(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.length() > 10 ? instant(text).atOffset(ZoneOffset.UTC).toLocalDate() : LocalDate.parse(text);
    }

    static BigDecimal number(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * A field value typed by its describe type; when the type is unknown the JSON type decides. A value that does not
     * parse as its type stays text, so the engine's lenient readers report it instead of the poll failing.
     */
    static Object typed(JsonNode node, String describeType) {
        if (node == null || node.isNull()) {
            return null;
        }
        String type = describeType == null ? "" : describeType;
        try {
            if (type.equals("boolean") || (type.isEmpty() && node.isBoolean())) {
                return node.isBoolean() ? node.booleanValue() : Boolean.valueOf(node.asText());
            }
            if (NUMBER_TYPES.contains(type) || (type.isEmpty() && node.isNumber())) {
                return number(node);
            }
            if (type.equals("date")) {
                return LocalDate.parse(node.asText());
            }
            if (type.equals("datetime")) {
                return instant(node.asText());
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return node.asText();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}

package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
        return OffsetDateTime.parse(text, DATETIME).toInstant();
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

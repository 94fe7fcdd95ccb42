package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HubSpot's property values in Java types. Every value arrives as a string or null (hubspot.md §2.1): numbers are read
 * with {@link BigDecimal} from the string itself, never through a double; {@code bool} as Boolean; {@code date} as
 * LocalDate and {@code datetime} as Instant, from ISO text (with or without milliseconds) or epoch milliseconds. And
 * back: what is written is always a string, an empty one clearing the value.
 */
final class HubSpotValues {
    /** How HubSpot writes datetimes: always with milliseconds. */
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{9,}");

    private HubSpotValues() {
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    static BigDecimal number(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        if (EPOCH_MILLIS.matcher(value).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    /** A date: {@code YYYY-MM-DD}, or a datetime / epoch millis taken in UTC (HubSpot stores dates as midnight UTC). */
    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        return value.length() == 10 && value.charAt(4) == '-' ? LocalDate.parse(value) : instant(value).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * A property value typed by the property's type; a value that does not parse as its type stays text, so the
     * engine's lenient readers report it instead of the poll failing.
     */
    static Object typed(String text, String type) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type == null ? "" : type) {
                case "number" -> number(text);
                case "bool" -> Boolean.valueOf(text.trim().equalsIgnoreCase("true"));
                case "date" -> date(text);
                case "datetime" -> instant(text);
                default -> text;
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            return text;
        }
    }

    /** A value as HubSpot takes it: text; {@code ""} clears the property. */
    static String write(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Instant instant) {
            return DATETIME.format(instant);
        }
        return value.toString();
    }
}

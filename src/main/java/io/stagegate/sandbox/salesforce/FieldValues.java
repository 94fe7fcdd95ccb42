package io.stagegate.sandbox.salesforce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns written values into the store's typed values, checks them as Salesforce does, and formats them for JSON. */
final class FieldValues {
    /** {@code 2024-05-07T22:07:19.000+0000}: Salesforce's datetime format, no colon in the offset. */
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** What a client may send: ISO offsets with or without colon, {@code Z}, optional fraction. */
    private static final DateTimeFormatter DATETIME_INPUT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private FieldValues() {
    }

    /**
     * Resolves written field names and turns the values into the fields' types: an unknown field is
     * {@code INVALID_FIELD}, a value of the wrong shape {@code JSON_PARSER_ERROR} (the whole request fails on either).
     */
    static Map<FieldDef, Object> resolve(ObjectSchema object, Map<String, Object> values) {
        Map<FieldDef, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDef field = object.field(entry.getKey());
            if (field == null) {
                throw new SalesforceRecordException("INVALID_FIELD", "No such column '" + entry.getKey() + "' on sobject of type " + object.name(),
                        List.of());
            }
            resolved.put(field, coerce(field, entry.getValue()));
        }
        return resolved;
    }

    /**
     * The value {@code raw} (String, Number, Boolean, LocalDate, Instant or null) as field {@code field} stores it.
     * A value of the wrong shape is refused as the REST API's JSON reader refuses it ({@code JSON_PARSER_ERROR}).
     */
    static Object coerce(FieldDef field, Object raw) {
        if (raw == null) {
            return field.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
        }
        switch (field.type().kind()) {
            case TEXT:
                if (raw instanceof String) {
                    return ((String) raw).isEmpty() ? null : raw;
                }
                if (raw instanceof BigDecimal) {
                    return ((BigDecimal) raw).toPlainString();
                }
                if (raw instanceof Number || raw instanceof Boolean || raw instanceof LocalDate) {
                    return raw.toString();
                }
                throw cannotDeserialize(field, raw);
            case ID:
                if (raw instanceof String) {
                    return ((String) raw).isEmpty() ? null : raw;
                }
                throw cannotDeserialize(field, raw);
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    return raw;
                }
                if (raw instanceof String && (((String) raw).equalsIgnoreCase("true") || ((String) raw).equalsIgnoreCase("false"))) {
                    return Boolean.valueOf((String) raw);
                }
                throw cannotDeserialize(field, raw);
            case NUMBER:
                return number(field, raw);
            case DATE:
                if (raw instanceof LocalDate) {
                    return raw;
                }
                if (raw instanceof String) {
                    if (((String) raw).isEmpty()) {
                        return null;
                    }
                    try {
                        return LocalDate.parse((String) raw);
                    } catch (DateTimeParseException e) {
                        throw cannotDeserialize(field, raw);
                    }
                }
                throw cannotDeserialize(field, raw);
            case DATETIME:
                if (raw instanceof Instant) {
                    return ((Instant) raw).truncatedTo(ChronoUnit.MILLIS);
                }
                if (raw instanceof String) {
                    if (((String) raw).isEmpty()) {
                        return null;
                    }
                    Instant parsed = parseDateTime((String) raw);
                    if (parsed == null) {
                        throw cannotDeserialize(field, raw);
                    }
                    return parsed;
                }
                throw cannotDeserialize(field, raw);
            default:
                throw new IllegalStateException("unknown kind " + field.type().kind());
        }
    }

    private static Object number(FieldDef field, Object raw) {
        BigDecimal number;
        if (raw instanceof BigDecimal) {
            number = (BigDecimal) raw;
        } else if (raw instanceof Double || raw instanceof Float) {
            double value = ((Number) raw).doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw cannotDeserialize(field, raw);
            }
            number = BigDecimal.valueOf(value);
        } else if (raw instanceof Number) {
            number = new BigDecimal(raw.toString());
        } else if (raw instanceof String) {
            if (((String) raw).isEmpty()) {
                return null;
            }
            try {
                number = new BigDecimal(((String) raw).trim());
            } catch (NumberFormatException e) {
                throw cannotDeserialize(field, raw);
            }
        } else {
            throw cannotDeserialize(field, raw);
        }
        if (field.type() == FieldType.INT) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw cannotDeserialize(field, raw);
            }
        }
        return number;
    }

    /** A datetime as clients send it (ISO 8601 with Z, {@code +01:00} or {@code +0100}); {@code null} if unreadable. */
    static Instant parseDateTime(String text) {
        try {
            var parsed = DATETIME_INPUT.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
            if (parsed instanceof OffsetDateTime) {
                return ((OffsetDateTime) parsed).toInstant();
            }
            return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Checks a coerced value against the field's constraints, returning the value as stored (numbers rounded to the
     * field's scale), or the error Salesforce reports for it.
     */
    static Object validate(FieldDef field, Object value) {
        if (value == null) {
            if (!field.nillable()) {
                throw new SalesforceRecordException("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field.name() + "]",
                        List.of(field.name()));
            }
            return null;
        }
        if (value instanceof String && field.type() != FieldType.PICKLIST && field.length() > 0
                && ((String) value).length() > field.length()) {
            throw new SalesforceRecordException("STRING_TOO_LONG", field.label() + ": data value too large: " + abbreviate((String) value)
                    + " (max length=" + field.length() + ")", List.of(field.name()));
        }
        if (field.type() == FieldType.PICKLIST && field.restrictedPicklist() && !field.picklist().contains(value)) {
            throw new SalesforceRecordException("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    field.label() + ": bad value for restricted picklist field: " + value, List.of(field.name()));
        }
        if (value instanceof BigDecimal) {
            BigDecimal rounded = ((BigDecimal) value).setScale(field.scale(), RoundingMode.HALF_UP);
            int integerDigits = rounded.precision() - rounded.scale();
            if (integerDigits > field.precision() - field.scale()) {
                throw outOfRange(field, value);
            }
            return rounded;
        }
        return value;
    }

    static SalesforceRecordException outOfRange(FieldDef field, Object value) {
        String text = value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : String.valueOf(value);
        return new SalesforceRecordException("NUMBER_OUTSIDE_VALID_RANGE",
                field.label() + ": value outside of valid range on numeric field: " + text, List.of(field.name()));
    }

    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** The JSON value of a stored value: numbers as doubles (Salesforce writes {@code 125000.0}), dates as text. */
    static Object toJson(FieldDef field, Object value) {
        if (value == null) {
            return null;
        }
        if (field.type() == FieldType.ANYTYPE) {
            return anyToJson(value);
        }
        switch (field.type().kind()) {
            case NUMBER:
                return field.type() == FieldType.INT ? (Object) ((Number) value).intValue() : (Object) ((BigDecimal) value).doubleValue();
            case DATE:
                return value.toString();
            case DATETIME:
                return DATETIME.format((Instant) value);
            default:
                return value;
        }
    }

    /** A value of any type as its own type writes it (an amount {@code 125000.0}, a date {@code "2026-06-30"}). */
    private static Object anyToJson(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).doubleValue();
        }
        if (value instanceof Instant) {
            return DATETIME.format((Instant) value);
        }
        return value instanceof LocalDate ? value.toString() : value;
    }

    private static SalesforceRecordException cannotDeserialize(FieldDef field, Object raw) {
        String token = raw instanceof String ? "VALUE_STRING" : raw instanceof Boolean ? "VALUE_" + raw.toString().toUpperCase(Locale.ROOT)
                : raw instanceof Number ? "VALUE_NUMBER" : "START_OBJECT";
        return new SalesforceRecordException("JSON_PARSER_ERROR", "Cannot deserialize instance of " + field.type().describeName() + " from "
                + token + " value " + raw + " or request may be missing a required field", List.of(field.name()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}

package io.stagegate.api;

import io.stagegate.criteria.Decimals;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the raw values of one input record into an {@link Opportunity}, collecting every problem with the field it is
 * in instead of stopping at the first.
 */
final class RecordBuilder {
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final int index;
    private final Integer line;
    private final List<InputError> errors = new ArrayList<>();
    private String id;
    private String pipeline;
    private String stage;
    private BigDecimal amount;
    private String currency;
    private LocalDate closeDate;
    private String owner;
    private LocalDate stageEnteredOn;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Integer> relatedCounts = new LinkedHashMap<>();
    private final List<StageChange> history = new ArrayList<>();

    RecordBuilder(int index, Integer line) {
        this.index = index;
        this.line = line;
    }

    void error(String field, String message) {
        errors.add(new InputError(index, line, id, field, message));
    }

    void id(String value) {
        id = blankToNull(value);
    }

    void pipeline(String value) {
        pipeline = blankToNull(value);
    }

    void stage(String value) {
        stage = blankToNull(value);
    }

    void owner(String value) {
        owner = blankToNull(value);
    }

    void amount(String field, String text) {
        if (blankToNull(text) == null) {
            return;
        }
        BigDecimal value;
        try {
            value = Decimals.parse(text);
        } catch (NumberFormatException e) {
            error(field, Quote.of(text.trim()) + " " + e.getMessage());
            return;
        }
        amount(field, value);
    }

    /** Checks the bounds before anything else touches the value: printing or rescaling a huge exponent never ends. */
    void amount(String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        String problem = Decimals.problem(value);
        if (problem != null) {
            error(field, "amount " + problem);
            return;
        }
        amount = value;
        if (value.signum() < 0) {
            error(field, "amount must not be negative, was " + value.toPlainString());
        }
    }

    void currency(String field, String text) {
        String code = blankToNull(text);
        if (code == null) {
            return;
        }
        try {
            currency = Currency.getInstance(code.trim()).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            error(field, Quote.of(text) + " is not an ISO 4217 currency code");
        }
    }

    void closeDate(String field, String text) {
        closeDate = date(field, text);
    }

    void stageEnteredOn(String field, String text) {
        stageEnteredOn = date(field, text);
    }

    void field(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /** A number sent as a JSON number: bounded like an amount, so that no rule works on a huge exponent. */
    void field(String name, String field, BigDecimal value) {
        String problem = Decimals.problem(value);
        if (problem != null) {
            error(field, "the number " + problem);
            return;
        }
        fields.put(name, value);
    }

    void relatedCount(String field, String relation, String text) {
        if (blankToNull(text) == null) {
            return;
        }
        try {
            relatedCount(field, relation, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            error(field, Quote.of(text) + " is not a whole number");
        }
    }

    void relatedCount(String field, String relation, int count) {
        if (count < 0) {
            error(field, "a count must not be negative, was " + count);
            return;
        }
        relatedCounts.put(relation, count);
    }

    void historyEntry(String field, String stageValue, String at) {
        if (blankToNull(stageValue) == null) {
            error(field + ".stage", "missing");
            return;
        }
        Instant instant = instant(field + ".at", at);
        if (instant != null) {
            history.add(new StageChange(stageValue, instant));
        }
    }

    ParsedRecord build() {
        if (id == null) {
            error("id", "missing: every opportunity needs an id");
        }
        if (stage == null) {
            error("stage", "missing: every opportunity needs its CRM stage");
        }
        if (!errors.isEmpty()) {
            return new ParsedRecord(index, line, id, null, errors);
        }
        Opportunity opportunity = new Opportunity(id, pipeline, stage, amount, currency, closeDate, owner, fields, relatedCounts, stageEnteredOn, history);
        return new ParsedRecord(index, line, id, opportunity, List.of());
    }

    /**
     * A day as {@code YYYY-MM-DD}, or a timestamp with its offset (taken in UTC, as CRMs store date-only fields). Digits
     * alone are refused: {@code 20261126} would otherwise be read as epoch milliseconds, a day in January 1970.
     */
    private LocalDate date(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        value = value.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            return LocalDate.ofInstant(parseTimestamp(value), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            error(field, Quote.of(text) + " is not a date (expected YYYY-MM-DD)");
            return null;
        }
    }

    private Instant instant(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            error(field, "missing");
            return null;
        }
        try {
            return parseTimestamp(value.trim());
        } catch (DateTimeParseException e) {
            error(field, Quote.of(text) + " is not a timestamp (expected ISO-8601, e.g. 2026-11-26T09:30:00Z)");
            return null;
        }
    }

    private static Instant parseTimestamp(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value.length() > 40) {
            throw new DateTimeParseException("too long for a timestamp", Quote.prefix(value), 40);
        }
        if (value.endsWith("Z")) {
            return Instant.parse(value);
        }
        if (value.matches(".*[+-]\\d{4}$")) {
            return OffsetDateTime.parse(value, SALESFORCE_DATETIME).toInstant();
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

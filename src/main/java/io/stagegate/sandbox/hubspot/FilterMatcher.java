package io.stagegate.sandbox.hubspot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One search filter compiled against the type of its property, tested against stored values (strings, {@code null}
 * when the deal has none). Follows HubSpot's rules: numbers compare as numbers, dates and datetimes as epoch
 * milliseconds (filter values are epoch-ms strings; ISO text is accepted too), strings case-insensitively,
 * enumerations case-sensitively, and {@code IN}/{@code NOT_IN} on strings only match lowercase values. The negative
 * operators ({@code NEQ}, {@code NOT_IN}, {@code NOT_CONTAINS_TOKEN}) match deals without a value.
 */
final class FilterMatcher {
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final SearchFilter filter;
    private final PropertyType type;
    private final Comparable<?> low;
    private final Comparable<?> high;
    private final List<Object> members;
    private final List<String> tokens;
    private final Pattern glob;

    /**
     * @param type the property's type; {@code null} for a property the portal does not know (compared as a string)
     * @throws IllegalArgumentException when a filter value cannot be read as the property's type, or is missing
     */
    FilterMatcher(SearchFilter filter, PropertyType type) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.type = type == null ? PropertyType.STRING : type;
        SearchOperator operator = filter.operator();
        boolean needsValue = operator != SearchOperator.HAS_PROPERTY && operator != SearchOperator.NOT_HAS_PROPERTY
                && operator != SearchOperator.IN && operator != SearchOperator.NOT_IN;
        if (needsValue && filter.value() == null) {
            throw new IllegalArgumentException("filter on " + filter.propertyName() + " with operator " + operator + " needs a value");
        }
        boolean tokenOperator = operator == SearchOperator.CONTAINS_TOKEN || operator == SearchOperator.NOT_CONTAINS_TOKEN;
        this.low = needsValue && !tokenOperator ? filterKey(filter.value()) : null;
        if (operator == SearchOperator.BETWEEN) {
            if (filter.highValue() == null) {
                throw new IllegalArgumentException("filter on " + filter.propertyName() + " with operator BETWEEN needs a highValue");
            }
            this.high = filterKey(filter.highValue());
        } else {
            this.high = null;
        }
        this.members = new ArrayList<>();
        if (operator == SearchOperator.IN || operator == SearchOperator.NOT_IN) {
            if (filter.values().isEmpty()) {
                throw new IllegalArgumentException("filter on " + filter.propertyName() + " with operator " + operator + " needs values");
            }
            for (String value : filter.values()) {
                members.add(this.type == PropertyType.STRING ? value : filterKey(value));
            }
        }
        this.tokens = tokenOperator ? tokens(filter.value()) : List.of();
        this.glob = tokenOperator && filter.value().contains("*") ? glob(filter.value()) : null;
    }

    String propertyName() {
        return filter.propertyName();
    }

    boolean test(String stored) {
        if (stored != null && (stored.isEmpty() || unreadable(stored))) {
            stored = null;
        }
        switch (filter.operator()) {
            case HAS_PROPERTY:
                return stored != null;
            case NOT_HAS_PROPERTY:
                return stored == null;
            case EQ:
                return stored != null && anyPart(stored, part -> compare(part, low) == 0);
            case NEQ:
                return stored == null || !anyPart(stored, part -> compare(part, low) == 0);
            case LT:
                return stored != null && compare(stored, low) < 0;
            case LTE:
                return stored != null && compare(stored, low) <= 0;
            case GT:
                return stored != null && compare(stored, low) > 0;
            case GTE:
                return stored != null && compare(stored, low) >= 0;
            case BETWEEN:
                return stored != null && compare(stored, low) >= 0 && compare(stored, high) <= 0;
            case IN:
                return stored != null && anyPart(stored, this::isMember);
            case NOT_IN:
                return stored == null || !anyPart(stored, this::isMember);
            case CONTAINS_TOKEN:
                return stored != null && containsTokens(stored);
            case NOT_CONTAINS_TOKEN:
                return stored == null || !containsTokens(stored);
            default:
                throw new IllegalStateException("unknown operator " + filter.operator());
        }
    }

    /** Multi-select enumerations store {@code a;b}: a part matching is enough. */
    private boolean anyPart(String stored, java.util.function.Predicate<String> test) {
        if (type == PropertyType.ENUMERATION && stored.indexOf(';') >= 0) {
            return Arrays.stream(stored.split(";")).filter(part -> !part.isEmpty()).anyMatch(test);
        }
        return test.test(stored);
    }

    private boolean isMember(String stored) {
        if (type == PropertyType.STRING) {
            return members.contains(stored.toLowerCase(Locale.ROOT));
        }
        Comparable<?> key = storedKey(stored);
        return key != null && members.stream().anyMatch(member -> compareKeys(key, (Comparable<?>) member) == 0);
    }

    private boolean containsTokens(String stored) {
        List<String> storedTokens = tokens(stored);
        if (glob != null) {
            return glob.matcher(stored.toLowerCase(Locale.ROOT)).matches() || storedTokens.stream().anyMatch(token -> glob.matcher(token).matches());
        }
        return !tokens.isEmpty() && storedTokens.containsAll(tokens);
    }

    /** A number or date that cannot be read as one counts as no value. */
    private boolean unreadable(String stored) {
        boolean typed = type == PropertyType.NUMBER || type == PropertyType.DATE || type == PropertyType.DATETIME;
        return typed && storedKey(stored) == null;
    }

    private int compare(String stored, Comparable<?> key) {
        return compareKeys(storedKey(stored), key);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Comparable<?> a, Comparable<?> b) {
        return ((Comparable) a).compareTo(b);
    }

    private Comparable<?> filterKey(String value) {
        Comparable<?> key = key(type, value.trim());
        if (key == null) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + type.apiName() + " value for " + filter.propertyName()
                    + (type == PropertyType.DATE || type == PropertyType.DATETIME ? " (use epoch milliseconds)" : ""));
        }
        return key;
    }

    private Comparable<?> storedKey(String stored) {
        return key(type, stored);
    }

    /**
     * The comparable form of a value of a property type: BigDecimal for numbers, epoch milliseconds for dates and
     * datetimes, lowercase text for strings and booleans, the exact text for enumerations; {@code null} if unreadable.
     */
    static Comparable<?> key(PropertyType type, String text) {
        try {
            switch (type) {
                case NUMBER:
                    return new BigDecimal(text);
                case DATE:
                case DATETIME:
                    return epochMillis(text);
                case ENUMERATION:
                    return text;
                default:
                    return text.toLowerCase(Locale.ROOT);
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static Long epochMillis(String text) {
        long fast = canonicalMillis(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        if (DIGITS.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (text.endsWith("Z")) {
            return Instant.parse(text).toEpochMilli();
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /**
     * The stored forms, {@code YYYY-MM-DD} and {@code YYYY-MM-DDTHH:MM:SS[.fff]Z}, read without a formatter: search
     * reads one per deal and per sort key, and the general parsers would dominate a search over a large portal.
     * {@code Long.MIN_VALUE} when the text has another form.
     */
    static long canonicalMillis(String text) {
        int length = text.length();
        if (length < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
        if (length == 10) {
            return epochDay * 86_400_000L;
        }
        if (length < 20 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Long.MIN_VALUE;
            }
            int digits = digits(text, 20, 20 + Math.min(3, fraction));
            if (digits < 0) {
                return Long.MIN_VALUE;
            }
            millis = fraction >= 3 ? digits : fraction == 2 ? digits * 10 : digits * 100;
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        return epochDay * 86_400_000L + ((hour * 60L + minute) * 60L + second) * 1_000L + millis;
    }

    /** The number written in {@code text[from, to)}, or -1 when a character is no digit. */
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

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : value.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '*') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(".*");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

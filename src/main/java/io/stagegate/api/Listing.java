package io.stagegate.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.criteria.Crm;
import io.stagegate.forecast.Period;
import io.stagegate.reports.Page;
import io.stagegate.sync.SyncEngine;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the leaders' lists share: reading and bounding their query parameters (a 400 names the parameter and its bound,
 * see docs/api-limits.md), opaque cursors, and answering a page as JSON or as CSV.
 */
final class Listing {
    static final String CSV = "text/csv";
    /** Longest filter value (an owner, a pipeline key, …) read from a query. */
    static final int MAX_TEXT = 200;
    private static final int MAX_CURSOR = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Format { JSON, CSV }

    /** The kinds of values a cursor carries, checked before any reaches a query. */
    enum Part { TEXT, DATE, TIMESTAMP, LONG, DECIMAL }

    private Listing() {
    }

    /** {@code ?format=json|csv}, else CSV when the Accept header prefers {@code text/csv} over JSON. */
    static Format format(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> Format.JSON;
                case "csv" -> Format.CSV;
                default -> throw new BadParameterException("format", "format must be json or csv, not " + Quote.of(format));
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return Format.JSON;
            }
            if (!type.isWildcardType() && "text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return Format.CSV;
            }
        }
        return Format.JSON;
    }

    /** {@code ?limit=}: at most {@code max}, {@code fallback} when absent. */
    static int limit(String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with the bounds
        }
        throw new BadParameterException("limit", "limit must be a whole number from 1 to " + max + ", not " + Quote.of(text));
    }

    /** The CRM asked for, else the one the active playbook names. */
    static Crm crm(String text, SyncEngine engine) {
        if (text != null) {
            try {
                return Crm.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("crm", "crm must be salesforce or hubspot, not " + Quote.of(text));
            }
        }
        Crm active = engine.activeCrm();
        if (active == null) {
            throw new WebApplicationException(Response.status(409).type(Problem.MEDIA_TYPE).entity(Problem.of(409, "Nothing is synced",
                    engine.idleReason() + "; name the CRM whose stored data to read with ?crm=salesforce or ?crm=hubspot")).build());
        }
        return active;
    }

    static Period period(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Period.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("period", "period " + Quote.of(text) + " is " + e.getMessage());
        }
    }

    static Period.Unit unit(String text, Period.Unit fallback) {
        if (text == null) {
            return fallback;
        }
        for (Period.Unit unit : Period.Unit.values()) {
            if (unit.key().equalsIgnoreCase(text.trim())) {
                return unit;
            }
        }
        throw new BadParameterException("by", "by must be month, quarter or year, not " + Quote.of(text));
    }

    static LocalDate date(String parameter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, parameter + " must be a day, YYYY-MM-DD, not " + Quote.of(text));
        }
    }

    /** A filter value: absent, or 1 to {@value #MAX_TEXT} characters. */
    static String text(String parameter, String text) {
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new BadParameterException(parameter, parameter + " must be 1 to " + MAX_TEXT + " characters, not " + Quote.of(text));
        }
        return text;
    }

    // --- cursors ---------------------------------------------------------------------------------------------------

    /** The sort key of the last item of a page as an opaque, URL-safe cursor that only {@code list} reads back. */
    static String cursor(String list, List<String> key) {
        if (key == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add(list);
        parts.addAll(key);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(parts));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key a cursor of {@code list} carries, each part checked against {@code parts}; null when there is no cursor. */
    static List<String> after(String cursor, String list, Part... parts) {
        if (cursor == null) {
            return null;
        }
        List<String> key;
        try {
            if (cursor.length() > MAX_CURSOR) {
                throw new IllegalArgumentException("too long");
            }
            key = JSON.readValue(Base64.getUrlDecoder().decode(cursor), new TypeReference<List<String>>() {
            });
            if (key.size() != parts.length + 1 || !list.equals(key.get(0))) {
                throw new IllegalArgumentException("another list's");
            }
            key = key.subList(1, key.size());
            for (int i = 0; i < parts.length; i++) {
                check(parts[i], key.get(i));
            }
        } catch (IOException | RuntimeException e) {
            throw new BadParameterException("cursor", "cursor is not one this list handed out: pass the 'next' of the previous page unchanged");
        }
        return key;
    }

    private static void check(Part part, String value) {
        switch (part) {
            case TEXT -> java.util.Objects.requireNonNull(value);
            case DATE -> LocalDate.parse(value);
            case TIMESTAMP -> OffsetDateTime.parse(value);
            case LONG -> Long.parseLong(value);
            case DECIMAL -> new java.math.BigDecimal(value);
        }
    }

    // --- answers ---------------------------------------------------------------------------------------------------

    /**
     * One page as JSON ({@code items}, {@code next}, and what {@code extra} adds) or as CSV (a file named {@code name}.csv).
     * Either way a {@code Link} header points at the next page when there is one.
     */
    static <T> Response respond(Format format, String name, Page<T> page, Function<T, ?> view, CsvTable<T> csv, Map<String, Object> extra,
            UriInfo uri) {
        String next = cursor(name, page.next());
        Response.ResponseBuilder answer;
        if (format == Format.CSV) {
            answer = Response.ok(csv.write(page.items()).getBytes(StandardCharsets.UTF_8), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        } else {
            Map<String, Object> body = new LinkedHashMap<>(extra);
            body.put("items", page.items().stream().map(view).toList());
            body.put("next", next);
            answer = Response.ok(body, MediaType.APPLICATION_JSON);
        }
        if (next != null) {
            answer.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build() + ">; rel=\"next\"");
        }
        return answer.build();
    }
}

package io.stagegate.web;

import io.stagegate.criteria.Crm;
import io.stagegate.forecast.Period;
import io.stagegate.reports.ReportFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a leader typed into a page's filter form, kept as typed (the form shows it again) and read into the reports'
 * {@link ReportFilter}. A period that does not parse is dropped and said so on the page, instead of an error page.
 */
public record Filters(String owner, String pipeline, String currency, String period, String problem) {
    /** Longest value a filter field takes, as the API's lists. */
    static final int MAX_TEXT = 200;

    static Filters of(String owner, String pipeline, String currency, String period) {
        String problem = null;
        String p = clean(period);
        if (p != null) {
            try {
                Period.parse(p);
            } catch (IllegalArgumentException e) {
                problem = "The period \"" + p + "\" is " + e.getMessage() + "; showing every period.";
                p = null;
            }
        }
        return new Filters(clean(owner), clean(pipeline), clean(currency), p, problem);
    }

    ReportFilter toReport(Crm crm) {
        return new ReportFilter(crm, owner, pipeline, currency, period == null ? null : Period.parse(period));
    }

    /** The same filters as a query string (for links to the API's CSV export and to other pages). */
    public String query() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("owner", owner);
        values.put("pipeline", pipeline);
        values.put("currency", currency);
        values.put("period", period);
        return values.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** This filter narrowed to one owner (the forecast's owner links open that owner's debrief agenda). */
    public Filters forOwner(String name) {
        return new Filters(name, pipeline, currency, period, null);
    }

    static String clean(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > MAX_TEXT ? stripped.substring(0, MAX_TEXT) : stripped;
    }
}

package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CRM search over the portal's deals ({@code POST /crm/v3/objects/deals/search}) with HubSpot's limits: at most 5
 * filter groups (ORed), 6 filters per group (ANDed) and 18 in all, one sort (object form or {@code "-createdate"}),
 * {@code limit} up to 200, {@code after} a numeric offset, no more than the first 10,000 results, bodies up to 3,000
 * characters. Archived deals never match. Without a sort, results come oldest first.
 */
final class DealSearch {
    static final int MAX_BODY_CHARS = 3_000;
    static final int MAX_GROUPS = 5;
    static final int MAX_FILTERS_PER_GROUP = 6;
    static final int MAX_FILTERS = 18;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 200;
    static final int MAX_RESULTS = 10_000;
    private static final Pattern OFFSET = Pattern.compile("\\d{1,9}");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** A parsed search request. {@code properties} is empty when none were asked for. */
    record Query(List<List<FilterMatcher>> groups, Sort sort, List<String> properties, int limit, int after, List<String> queryTokens) {
    }

    record Sort(String propertyName, boolean descending) {
    }

    /** One page of matches; {@code nextAfter} is {@code null} on the last page. */
    record Page(long total, List<StoredDeal> results, Integer nextAfter) {
    }

    private DealSearch() {
    }

    /** Reads and checks a search body. */
    static Query parse(String body, PropertySchema schema, ObjectMapper mapper) {
        String text = body == null ? "" : body;
        if (text.length() > MAX_BODY_CHARS) {
            throw HubSpotApiException.validation("The request body is " + text.length() + " characters long; search request bodies may hold at most "
                    + MAX_BODY_CHARS + " characters.");
        }
        JsonNode root = text.isBlank() ? mapper.createObjectNode() : json(text, mapper);
        if (!root.isObject()) {
            throw HubSpotApiException.validation("Invalid input JSON: the search request must be a JSON object");
        }
        List<List<FilterMatcher>> groups = groups(root.get("filterGroups"), schema);
        List<String> properties = strings(root.get("properties"), "properties");
        int limit = number(root.get("limit"), "limit", DEFAULT_LIMIT);
        if (limit > MAX_LIMIT) {
            throw HubSpotApiException.validation("limit must be at most " + MAX_LIMIT + ", was " + limit);
        }
        int after = number(root.get("after"), "after", 0);
        if ((long) after + limit > MAX_RESULTS) {
            throw HubSpotApiException.validation("Search results are limited to " + MAX_RESULTS + " per query: after " + after + " with limit "
                    + limit + " goes past the last one that can be paged to. Narrow the filters (for example by hs_lastmodifieddate).");
        }
        JsonNode query = root.get("query");
        List<String> tokens = query == null || query.isNull() ? List.of() : tokens(query.asText());
        return new Query(groups, sort(root.get("sorts")), properties, limit, after, tokens);
    }

    /** Runs a query: every live deal that matches, sorted, then the page. */
    static Page run(Query query, HubSpotPortal portal) {
        PropertySchema schema = portal.schema;
        List<int[]> slots = new ArrayList<>();
        query.groups().forEach(group -> slots.add(group.stream().mapToInt(filter -> schema.slot(filter.propertyName())).toArray()));
        int[] textSlots = {schema.slot("dealname"), schema.slot("description"), schema.slot("dealstage"), schema.slot("pipeline")};
        List<StoredDeal> matches = new ArrayList<>();
        for (StoredDeal deal : portal.deals()) {
            if (!deal.archived() && matches(deal, query.groups(), slots) && matchesQuery(deal, query.queryTokens(), textSlots)) {
                matches.add(deal);
            }
        }
        matches = sorted(matches, query.sort(), schema);
        int from = Math.min(query.after(), matches.size());
        int to = Math.min(from + query.limit(), matches.size());
        Integer next = query.limit() > 0 && to < matches.size() ? to : null;
        return new Page(matches.size(), List.copyOf(matches.subList(from, to)), next);
    }

    private static boolean matches(StoredDeal deal, List<List<FilterMatcher>> groups, List<int[]> slots) {
        if (groups.isEmpty()) {
            return true;
        }
        for (int g = 0; g < groups.size(); g++) {
            List<FilterMatcher> group = groups.get(g);
            boolean all = true;
            for (int f = 0; f < group.size() && all; f++) {
                all = group.get(f).test(deal.value(slots.get(g)[f]));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Free-text {@code query}: every word must start a word of the deal's name, description, stage or pipeline. */
    private static boolean matchesQuery(StoredDeal deal, List<String> queryTokens, int[] textSlots) {
        if (queryTokens.isEmpty()) {
            return true;
        }
        List<String> words = new ArrayList<>();
        for (int slot : textSlots) {
            String value = deal.value(slot);
            if (value != null) {
                words.addAll(tokens(value));
            }
        }
        return queryTokens.stream().allMatch(token -> words.stream().anyMatch(word -> word.startsWith(token)));
    }

    /** A match with its sort key, computed once (parsing dates for every comparison would dominate large sorts). */
    private record Keyed(Comparable<?> key, StoredDeal deal) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<StoredDeal> sorted(List<StoredDeal> matches, Sort sort, PropertySchema schema) {
        String property = sort == null ? "createdate" : sort.propertyName();
        int slot = schema.slot(property);
        PropertyType type = schema.get(property).map(PropertyDefinition::type).orElse(PropertyType.STRING);
        List<Keyed> keyed = new ArrayList<>(matches.size());
        for (StoredDeal deal : matches) {
            String value = deal.value(slot);
            keyed.add(new Keyed(value == null ? null : FilterMatcher.key(type, value), deal));
        }
        Comparator<Comparable> values = sort != null && sort.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Keyed> byValue = Comparator.comparing(entry -> (Comparable) entry.key(), Comparator.nullsLast(values));
        keyed.sort(byValue.thenComparingLong(entry -> entry.deal().id));
        List<StoredDeal> result = new ArrayList<>(keyed.size());
        keyed.forEach(entry -> result.add(entry.deal()));
        return result;
    }

    private static JsonNode json(String text, ObjectMapper mapper) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw HubSpotApiException.validation("Invalid input JSON on line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private static List<List<FilterMatcher>> groups(JsonNode node, PropertySchema schema) {
        List<List<FilterMatcher>> groups = new ArrayList<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isArray()) {
            throw HubSpotApiException.validation("filterGroups must be an array");
        }
        if (node.size() > MAX_GROUPS) {
            throw HubSpotApiException.validation("Too many filter groups: " + node.size() + ". A search request may have at most " + MAX_GROUPS
                    + " filterGroups.");
        }
        int total = 0;
        for (JsonNode groupNode : node) {
            JsonNode filters = groupNode.get("filters");
            List<FilterMatcher> group = new ArrayList<>();
            if (filters != null && filters.isArray()) {
                if (filters.size() > MAX_FILTERS_PER_GROUP) {
                    throw HubSpotApiException.validation("Too many filters in a filter group: " + filters.size() + ". A filter group may have at most "
                            + MAX_FILTERS_PER_GROUP + " filters.");
                }
                total += filters.size();
                for (JsonNode filter : filters) {
                    group.add(filter(filter, schema));
                }
            }
            groups.add(group);
        }
        if (total > MAX_FILTERS) {
            throw HubSpotApiException.validation("Too many filters: " + total + ". A search request may have at most " + MAX_FILTERS
                    + " filters across all filterGroups.");
        }
        return groups;
    }

    private static FilterMatcher filter(JsonNode node, PropertySchema schema) {
        String property = text(node.get("propertyName"));
        if (property == null || property.isBlank()) {
            throw HubSpotApiException.validation("Every filter needs a propertyName");
        }
        String operatorName = text(node.get("operator"));
        SearchOperator operator = SearchOperator.parse(operatorName);
        if (operator == null) {
            throw HubSpotApiException.validation("Unknown operator '" + operatorName + "' on " + property + "; expected one of "
                    + java.util.Arrays.toString(SearchOperator.values()));
        }
        List<String> values = strings(node.get("values"), "values");
        SearchFilter filter = new SearchFilter(property, operator, text(node.get("value")), text(node.get("highValue")), values);
        try {
            return new FilterMatcher(filter, schema.get(property).map(PropertyDefinition::type).orElse(null));
        } catch (IllegalArgumentException e) {
            throw HubSpotApiException.validation(e.getMessage());
        }
    }

    private static Sort sort(JsonNode node) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            return null;
        }
        if (!node.isArray()) {
            throw HubSpotApiException.validation("sorts must be an array");
        }
        if (node.size() > 1) {
            throw HubSpotApiException.validation("Only one sort is allowed per search request, got " + node.size());
        }
        JsonNode sort = node.get(0);
        if (sort.isTextual()) {
            String text = sort.asText().trim();
            boolean descending = text.startsWith("-");
            String property = descending || text.startsWith("+") ? text.substring(1) : text;
            if (property.isEmpty()) {
                throw HubSpotApiException.validation("A sort needs a property name");
            }
            return new Sort(property, descending);
        }
        String property = text(sort.get("propertyName"));
        if (property == null || property.isBlank()) {
            throw HubSpotApiException.validation("A sort needs a propertyName");
        }
        String direction = text(sort.get("direction"));
        if (direction != null && !direction.equals("ASCENDING") && !direction.equals("DESCENDING")) {
            throw HubSpotApiException.validation("Sort direction must be ASCENDING or DESCENDING, was '" + direction + "'");
        }
        return new Sort(property, "DESCENDING".equals(direction));
    }

    private static int number(JsonNode node, String name, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        String text = node.asText().trim();
        if (!OFFSET.matcher(text).matches()) {
            throw HubSpotApiException.validation(name + " must be a non-negative whole number, was '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static List<String> strings(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw HubSpotApiException.validation(name + " must be an array of strings");
        }
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
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
}

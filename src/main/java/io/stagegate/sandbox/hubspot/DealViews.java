package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON shapes of deal reads ({@code SimplePublicObject} and friends) and how a stored deal becomes one: the
 * requested properties in name order, {@code null} for those without a value, {@code hs_object_id},
 * {@code createdate} and {@code hs_lastmodifieddate} always.
 */
final class DealViews {
    /** What list, get and search return when no properties are asked for. */
    static final List<String> DEFAULT_PROPERTIES =
            List.of("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline");
    private static final Set<String> ALWAYS = Set.of("hs_object_id", "createdate", "hs_lastmodifieddate");

    private DealViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DealObject(String id, @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> properties,
            Map<String, List<HistoryValue>> propertiesWithHistory, String createdAt, String updatedAt, boolean archived, String archivedAt,
            Map<String, Associations> associations) {
    }

    /** {@code ValueWithTimestamp}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryValue(String value, String timestamp, String sourceType, String sourceId, Long updatedByUserId) {
    }

    record Associations(List<AssociatedId> results) {
    }

    record AssociatedId(String id, String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NextPage(String after, String link) {
    }

    record Paging(NextPage next) {
    }

    /** List reads: {@code paging} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListPage(List<DealObject> results, Paging paging) {
    }

    /** Search: {@code total} always, {@code paging} absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchPage(long total, List<DealObject> results, Paging paging) {
    }

    /** Batch responses; {@code numErrors} and {@code errors} only when some inputs failed (then the status is 207). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchResult(String status, List<DealObject> results, Integer numErrors, List<BatchError> errors, String startedAt, String completedAt) {
    }

    record BatchError(String status, String category, String message, Map<String, List<String>> context) {
    }

    /** The properties of a read: those asked for that exist (unknown names are ignored), plus the three always there. */
    static Map<String, String> properties(HubSpotPortal portal, StoredDeal deal, List<String> requested) {
        Map<String, String> properties = new TreeMap<>();
        for (String name : requested.isEmpty() ? DEFAULT_PROPERTIES : requested) {
            if (portal.schema.slot(name) >= 0) {
                properties.put(name, portal.value(deal, name));
            }
        }
        ALWAYS.forEach(name -> properties.put(name, portal.value(deal, name)));
        return properties;
    }

    static DealObject object(HubSpotPortal portal, StoredDeal deal, List<String> properties, List<String> withHistory, List<String> associationTypes) {
        return new DealObject(deal.id(), properties(portal, deal, properties), history(portal, deal, withHistory),
                HubSpotTime.text(portal.createdAt(deal)), HubSpotTime.text(portal.updatedAt(deal)), deal.archived(),
                deal.archived() ? HubSpotTime.text(deal.archivedAt) : null, associations(deal, associationTypes));
    }

    /** A write's answer: the properties written and the three always there. */
    static DealObject written(HubSpotPortal portal, StoredDeal deal, Set<String> written) {
        Map<String, String> properties = new TreeMap<>();
        written.stream().filter(name -> portal.schema.slot(name) >= 0).forEach(name -> properties.put(name, portal.value(deal, name)));
        ALWAYS.forEach(name -> properties.put(name, portal.value(deal, name)));
        return new DealObject(deal.id(), properties, null, HubSpotTime.text(portal.createdAt(deal)), HubSpotTime.text(portal.updatedAt(deal)), false, null, null);
    }

    private static Map<String, List<HistoryValue>> history(HubSpotPortal portal, StoredDeal deal, List<String> withHistory) {
        if (withHistory.isEmpty()) {
            return null;
        }
        Map<String, List<HistoryValue>> history = new TreeMap<>();
        for (String name : withHistory) {
            if (portal.schema.slot(name) < 0) {
                continue;
            }
            List<HistoryValue> values = new ArrayList<>();
            for (HistoryEntry entry : portal.history(deal, name)) {
                ChangeSource source = entry.source();
                values.add(new HistoryValue(entry.value(), HubSpotTime.text(entry.timestamp()), source.sourceType(), source.sourceId(), source.updatedByUserId()));
            }
            history.put(name, values);
        }
        return history;
    }

    private static Map<String, Associations> associations(StoredDeal deal, List<String> types) {
        if (types.isEmpty()) {
            return null;
        }
        Map<String, Associations> associations = new LinkedHashMap<>();
        for (String type : types) {
            String name = associationName(type);
            List<String> ids = deal.associations.get(name);
            if (ids != null && !ids.isEmpty()) {
                List<AssociatedId> results = new ArrayList<>();
                ids.forEach(id -> results.add(new AssociatedId(id, "deal_to_" + singular(name))));
                associations.put(name, new Associations(results));
            }
        }
        return associations.isEmpty() ? null : associations;
    }

    /** {@code contact}, {@code contacts} and {@code 0-1} all mean contacts. */
    static String associationName(String type) {
        String name = type.trim().toLowerCase(java.util.Locale.ROOT);
        switch (name) {
            case "0-1":
            case "contact":
                return "contacts";
            case "0-2":
            case "company":
                return "companies";
            default:
                return name;
        }
    }

    private static String singular(String name) {
        if (name.equals("companies")) {
            return "company";
        }
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }
}

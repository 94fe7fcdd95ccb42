package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.playbook.StandardField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * What the connector reads for one playbook in one portal: the properties to ask for (the standard ones, the
 * playbook's criteria and output properties, and HubSpot's association counts for the relations criteria count), and
 * how a returned deal becomes a {@link CrmOpportunity}.
 */
final class DealQuery {
    static final String MODIFIED = "hs_lastmodifieddate";
    static final String OBJECT_ID = "hs_object_id";
    static final String STAGE = StandardField.STAGE.apiName(Crm.HUBSPOT);
    private static final List<String> STANDARD = List.of(OBJECT_ID, MODIFIED, STAGE, "pipeline", "amount", "deal_currency_code", "closedate",
            "hubspot_owner_id", StandardField.STAGE_ENTERED.apiName(Crm.HUBSPOT));

    private final DealSchema schema;
    private final List<String> properties;
    private final List<String> mapped;
    private final Map<String, String> relationProperties;

    private DealQuery(DealSchema schema, List<String> properties, List<String> mapped, Map<String, String> relationProperties) {
        this.schema = schema;
        this.properties = properties;
        this.mapped = mapped;
        this.relationProperties = relationProperties;
    }

    /** HubSpot's count of a deal's associated records of {@code relation} (e.g. {@code num_associated_contacts}). */
    static String countProperty(String relation) {
        return "num_associated_" + relation;
    }

    /** Refuses (Fatal) when a mapped property is missing from the portal: every read would lack it. */
    static DealQuery of(Playbook playbook, DealSchema schema) {
        // sorted: the playbook's sets have no stable order, and the request should not change between runs
        Set<String> mapped = new LinkedHashSet<>(new TreeSet<>(playbook.criteriaFields()));
        for (OutputField output : OutputField.values()) {
            mapped.add(playbook.outputField(output));
        }
        StringJoiner missing = new StringJoiner(", ");
        mapped.stream().filter(name -> !schema.has(name)).forEach(missing::add);
        Map<String, String> relations = new LinkedHashMap<>();
        for (String relation : new TreeSet<>(playbook.criteriaRelations())) {
            String count = countProperty(relation);
            if (schema.has(count)) {
                relations.put(relation, count);
            } else {
                missing.add(count + " (the count of associated " + relation + ")");
            }
        }
        if (missing.length() > 0) {
            throw new CrmException.Fatal("the portal's deals have no property " + missing + ": create them (POST /api/sync/bootstrap creates the "
                    + "output properties) or fix the playbook; the setup validation lists every problem", "PROPERTY_DOESNT_EXIST", null);
        }
        Set<String> read = new LinkedHashSet<>();
        STANDARD.stream().filter(name -> name.equals(OBJECT_ID) || name.equals(MODIFIED) || schema.has(name)).forEach(read::add);
        read.addAll(mapped);
        read.addAll(relations.values());
        return new DealQuery(schema, List.copyOf(read), List.copyOf(mapped), relations);
    }

    /** Every property a read asks for. */
    List<String> properties() {
        return properties;
    }

    CrmOpportunity read(JsonNode deal, boolean deleted) {
        JsonNode values = deal.path("properties");
        String id = deal.path("id").asText();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : mapped) {
            fields.put(name, HubSpotValues.typed(HubSpotValues.text(values.get(name)), schema.typeOf(name)));
        }
        Map<String, Integer> related = new LinkedHashMap<>();
        relationProperties.forEach((relation, property) -> {
            java.math.BigDecimal count = HubSpotValues.number(HubSpotValues.text(values.get(property)));
            related.put(relation, count == null ? 0 : count.intValue());
        });
        return new CrmOpportunity(
                id,
                HubSpotValues.text(values.get("pipeline")),
                HubSpotValues.text(values.get(STAGE)),
                HubSpotValues.number(HubSpotValues.text(values.get("amount"))),
                HubSpotValues.text(values.get("deal_currency_code")),
                HubSpotValues.date(HubSpotValues.text(values.get("closedate"))),
                HubSpotValues.text(values.get("hubspot_owner_id")),
                HubSpotValues.date(HubSpotValues.text(values.get(StandardField.STAGE_ENTERED.apiName(Crm.HUBSPOT)))),
                modifiedAt(deal),
                deleted || deal.path("archived").asBoolean(false),
                fields,
                related,
                history(deal.path("propertiesWithHistory").path(STAGE)));
    }

    /** {@code hs_lastmodifieddate}, else {@code updatedAt} (the same stamp). */
    static Instant modifiedAt(JsonNode deal) {
        String stamp = HubSpotValues.text(deal.path("properties").get(MODIFIED));
        if (stamp == null) {
            stamp = HubSpotValues.text(deal.get("updatedAt"));
        }
        if (stamp == null) {
            throw new CrmException.Retryable("HubSpot returned deal " + deal.path("id").asText() + " without hs_lastmodifieddate", null, null, null);
        }
        return HubSpotValues.instant(stamp);
    }

    /** {@code propertiesWithHistory.dealstage} (newest first, as HubSpot sends it) as stage changes, oldest first, repeats dropped. */
    static List<StageChange> history(JsonNode entries) {
        List<StageChange> all = new ArrayList<>();
        for (JsonNode entry : entries) {
            String stage = HubSpotValues.text(entry.get("value"));
            String at = HubSpotValues.text(entry.get("timestamp"));
            if (stage != null && at != null) {
                all.add(new StageChange(stage, HubSpotValues.instant(at)));
            }
        }
        all.sort(Comparator.comparing(StageChange::at));
        List<StageChange> changes = new ArrayList<>();
        for (StageChange change : all) {
            if (changes.isEmpty() || !changes.get(changes.size() - 1).stage().equals(change.stage())) {
                changes.add(change);
            }
        }
        return changes;
    }
}

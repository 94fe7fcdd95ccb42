package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates what Stagegate writes to, idempotently (hubspot.md §5): the {@code stagegate} property group and each output
 * property that does not exist yet (and, when asked, the suggested criteria properties). Existing ones are read first and left alone (a second run creates nothing); a 409
 * from a create that raced another instance counts as "exists". An existing property of the wrong type is reported,
 * never changed: its values belong to the portal.
 */
final class PropertyBootstrap {

    private PropertyBootstrap() {
    }

    /**
     * What was created, for people; empty when everything existed. With {@code suggestedCriteria} the properties the
     * playbook's criteria read are created too, where missing ({@link CriteriaProperties}).
     */
    static List<String> run(HubSpotApi api, Playbook playbook, boolean suggestedCriteria) {
        List<String> created = new ArrayList<>();
        boolean hasGroup = false;
        for (JsonNode group : api.groups().path("results")) {
            hasGroup |= OutputProperties.GROUP.equals(group.path("name").asText());
        }
        if (!hasGroup && api.createGroup(OutputProperties.groupBody()) != null) {
            created.add("property group " + OutputProperties.GROUP);
        }
        DealSchema schema = DealSchema.of(api.properties());
        List<String> wrongType = new ArrayList<>();
        int order = 0;
        for (OutputField output : OutputField.values()) {
            String name = playbook.outputField(output);
            DealSchema.Property existing = schema.property(name).orElse(null);
            if (existing == null) {
                if (api.createProperty(OutputProperties.propertyBody(playbook, output, order)) != null) {
                    created.add("property " + name);
                }
            } else if (!existing.type().equals(OutputProperties.type(output))
                    && !(existing.type().equals("string") && OutputProperties.type(output).equals("enumeration"))) {
                wrongType.add(name + " is of type " + existing.type() + ", " + output.yamlKey() + " needs " + OutputProperties.type(output));
            }
            order++;
        }
        if (suggestedCriteria) {
            for (java.util.Map.Entry<String, String> criterion : CriteriaProperties.bodies(playbook).entrySet()) {
                if (!schema.has(criterion.getKey()) && api.createProperty(criterion.getValue()) != null) {
                    created.add("property " + criterion.getKey());
                }
            }
        }
        if (!wrongType.isEmpty()) {
            throw new CrmException.Fatal("existing output properties have the wrong type (" + String.join("; ", wrongType)
                    + "): delete them in HubSpot or map other names in the playbook's outputFields", "PROPERTY_TYPE", null);
        }
        return created;
    }
}

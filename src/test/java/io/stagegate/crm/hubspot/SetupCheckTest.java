package io.stagegate.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The setup check against a portal described as HubSpot lists pipelines and properties. */
class SetupCheckTest {
    static final Playbook PLAYBOOK = EngineProducer.shipped("hubspot").playbook();

    /** The pipelines the playbook maps, with every stage it names, labelled as HubSpot would. */
    private static ObjectNode portalPipelines(Map<String, String> relabel) {
        ObjectNode root = HubSpotStubs.JSON.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (Pipeline pipeline : PLAYBOOK.pipelines()) {
            ObjectNode portal = results.addObject().put("id", pipeline.crmPipelines().get(0)).put("label", pipeline.label()).put("archived", false);
            ArrayNode stages = portal.putArray("stages");
            for (CrmStage stage : pipeline.crmStages()) {
                boolean closed = pipeline.won().crmStages().contains(stage) || pipeline.lost().crmStages().contains(stage);
                String id = relabel.getOrDefault(stage.value(), stage.value());
                stages.addObject().put("id", id).put("label", label(stage.value())).put("archived", false)
                        .putObject("metadata").put("isClosed", Boolean.toString(closed)).put("probability", stage.probability().toPlainString());
            }
        }
        return root;
    }

    private static String label(String id) {
        return switch (id) {
            case "contractsent" -> "Contract Sent";
            case "qualifiedtobuy" -> "Qualified To Buy";
            default -> "Stage " + id;
        };
    }

    private static DealSchema schema(Map<String, String> types) {
        ObjectNode listing = HubSpotStubs.JSON.createObjectNode();
        ArrayNode results = listing.putArray("results");
        types.forEach((name, type) -> results.addObject().put("name", name).put("type", type));
        return DealSchema.of(listing);
    }

    private static Map<String, String> completeTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("num_associated_contacts", "number");
        PLAYBOOK.criteriaFields().forEach(field -> types.put(field, field.endsWith("_date") ? "date" : "bool"));
        for (OutputField output : OutputField.values()) {
            types.put(PLAYBOOK.outputField(output), OutputProperties.type(output));
        }
        return types;
    }

    @Test
    void aPortalWithEverythingMappedHasNoProblem() {
        assertThat(SetupCheck.problems(PLAYBOOK, schema(completeTypes()), portalPipelines(Map.of()))).isEmpty();
    }

    @Test
    void aStageIdTheAdminGaveAsItsLabelIsReportedWithTheIdMeant() {
        // the portal's "Contract Sent" stage has another id than the playbook says
        List<String> problems = SetupCheck.problems(PLAYBOOK, schema(completeTypes()), portalPipelines(Map.of("contractsent", "1234567")));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("stage 'contractsent' is not the id of a stage of pipeline default")
                .contains("did you mean 1234567 (\"Contract Sent\" in Sales Pipeline)");
    }

    @Test
    void missingAndMistypedPropertiesAreNamed() {
        Map<String, String> types = completeTypes();
        types.remove("demo_date");
        types.put("budget_confirmed", "date");
        types.put(PLAYBOOK.outputField(OutputField.QUALIFIED_FORECAST_AMOUNT), "string");
        types.remove("num_associated_contacts");

        List<String> problems = new ArrayList<>(SetupCheck.problems(PLAYBOOK, schema(types), portalPipelines(Map.of())));

        assertThat(problems).anyMatch(problem -> problem.startsWith("criteria property demo_date does not exist on deals"));
        assertThat(problems).anyMatch(problem -> problem.startsWith("criteria property budget_confirmed is of type date but its rules need"));
        assertThat(problems).anyMatch(problem -> problem.startsWith("output property stagegate_qualified_forecast_amount is of type string but "
                + "qualifiedForecastAmount needs number"));
        assertThat(problems).anyMatch(problem -> problem.contains("num_associated_contacts"));
        assertThat(problems).hasSize(4);
    }
}

package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipelines, property definitions and groups against hubspot.md §4 and §5. */
@QuarkusTest
class HubSpotSchemaApiTest {
    private static final String PIPELINES = "/sandbox/hubspot/crm/v3/pipelines/deals";
    private static final String PROPERTIES = "/sandbox/hubspot/crm/v3/properties/deals";

    @Inject
    HubSpotPortal portal;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
    }

    @Test
    void thePlaybookPipelineWithStringMetadata() {
        JsonPath pipelines = api().when().get(PIPELINES).then().statusCode(200).extract().jsonPath();
        assertThat(pipelines.getMap("$")).containsOnlyKeys("results");
        assertThat(pipelines.getString("results[0].id")).isEqualTo("default");
        assertThat(pipelines.getString("results[0].label")).isEqualTo("Sales Pipeline");
        assertThat(pipelines.getBoolean("results[0].archived")).isFalse();
        assertThat(pipelines.getString("results[0].createdAt")).isNotNull();
        assertThat(pipelines.getList("results[0].stages.id")).containsExactly("appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
                "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
        assertThat(pipelines.getList("results[0].stages.displayOrder")).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(pipelines.getMap("results[0].stages[0].metadata")).isEqualTo(Map.of("isClosed", "false", "probability", "0.2"));
        assertThat(pipelines.getMap("results[0].stages[5].metadata")).isEqualTo(Map.of("isClosed", "true", "probability", "1.0"));
        assertThat(pipelines.getMap("results[0].stages[6].metadata")).isEqualTo(Map.of("isClosed", "true", "probability", "0.0"));
        assertThat(pipelines.getString("results[0].stages[0].label")).isEqualTo("Appointment Scheduled");
    }

    @Test
    void aSecondPipelineForRenewalsWithNumericStageIdsAndItsOwnStageDates() {
        JsonPath pipelines = api().when().get(PIPELINES).then().statusCode(200).extract().jsonPath();
        assertThat(pipelines.getList("results.id")).containsExactly("default", "75839201");
        assertThat(pipelines.getString("results[1].label")).isEqualTo("Renewals and expansion");
        assertThat(pipelines.getList("results[1].stages.id")).containsExactly("75839202", "75839203", "75839204", "75839205", "75839206", "75839207",
                "75839208", "75839209", "75839210");
        assertThat(pipelines.getList("results[1].stages.metadata.probability")).containsExactly("0.1", "0.3", "0.4", "0.6", "0.7", "0.8", "0.9",
                "1.0", "0.0");
        assertThat(pipelines.getList("results[1].stages.metadata.isClosed")).containsExactly("false", "false", "false", "false", "false", "false",
                "false", "true", "true");
        api().when().get(PROPERTIES + "/hs_v2_date_entered_75839205").then().statusCode(200).body("type", equalTo("datetime"));
    }

    @Test
    void aDealMovesWithinItsOwnPipelineOnly() {
        String id = api().body("{\"properties\":{\"dealname\":\"Renewal\",\"pipeline\":\"75839201\"}}").when().post(HubSpotApi.DEALS)
                .then().statusCode(201).body("properties.dealstage", equalTo("75839202")).extract().path("id");
        api().body("{\"properties\":{\"dealstage\":\"qualifiedtobuy\"}}").when().patch(HubSpotApi.DEALS + "/" + id).then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_OPTION"));
        api().body("{\"properties\":{\"dealstage\":\"75839209\"}}").when().patch(HubSpotApi.DEALS + "/" + id).then().statusCode(200);
        assertThat(portal.get(id).orElseThrow().properties()).containsEntry("hs_is_closed_won", "true").containsEntry("hs_deal_stage_probability", "1")
                .containsKey("hs_v2_date_entered_75839209");
    }

    @Test
    void onePipelineAndItsStages() {
        api().when().get("/sandbox/hubspot/crm/v3/pipelines/0-3/default").then().statusCode(200).body("stages.size()", equalTo(7));
        api().when().get(PIPELINES + "/default/stages").then().statusCode(200).body("results[1].id", equalTo("qualifiedtobuy"));
        api().when().get(PIPELINES + "/default/stages/contractsent").then().statusCode(200).body("metadata.probability", equalTo("0.9"));
        api().when().get(PIPELINES + "/nope").then().statusCode(404).body("category", equalTo("OBJECT_NOT_FOUND"));
        api().when().get(PIPELINES + "/default/stages/nope").then().statusCode(404).body("category", equalTo("OBJECT_NOT_FOUND"));
    }

    @Test
    void propertyDefinitions() {
        JsonPath all = api().when().get(PROPERTIES).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> results = all.getList("results");
        assertThat(results).extracting(result -> result.get("name")).contains("amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id",
                "deal_currency_code", "hs_v2_date_entered_closedwon", "next_step_date", "verbal_commitment", "stagegate_qualified_forecast_amount");
        for (Map<String, Object> property : results) {
            assertThat(property).containsKeys("name", "label", "type", "fieldType", "description", "groupName", "options", "displayOrder", "calculated",
                    "hasUniqueValue", "hidden", "modificationMetadata", "formField", "createdAt", "updatedAt");
        }
        api().when().get(PROPERTIES + "/hs_deal_stage_probability").then().statusCode(200)
                .body("type", equalTo("number"))
                .body("calculated", equalTo(true))
                .body("hubspotDefined", equalTo(true))
                .body("modificationMetadata.readOnlyValue", equalTo(true));
        api().when().get(PROPERTIES + "/dealstage").then().statusCode(200).body("type", equalTo("enumeration")).body("externalOptions", equalTo(true));
        api().when().get(PROPERTIES + "/verbal_commitment").then().statusCode(200)
                .body("type", equalTo("bool"))
                .body("fieldType", equalTo("booleancheckbox"))
                .body("groupName", equalTo("exit_criteria"))
                .body("options.value", equalTo(List.of("true", "false")));
        api().when().get(PROPERTIES + "/next_step_date").then().statusCode(200).body("type", equalTo("date")).body("fieldType", equalTo("date"));
        api().when().get(PROPERTIES + "/no_such_property").then().statusCode(404).body("category", equalTo("OBJECT_NOT_FOUND"));
        api().queryParam("properties", "amount,dealname").when().get(PROPERTIES).then().statusCode(200).body("results.size()", equalTo(2));
    }

    @Test
    void createAPropertyThenUseIt() {
        String name = "xc_eval_" + System.nanoTime();
        api().body("{\"name\":\"" + name + "\",\"label\":\"Last evaluation\",\"type\":\"datetime\",\"fieldType\":\"date\",\"groupName\":\"stagegate\"}")
                .when().post(PROPERTIES).then().statusCode(201)
                .body("name", equalTo(name))
                .body("type", equalTo("datetime"))
                .body("createdAt", notNullValue())
                .body("modificationMetadata.readOnlyValue", equalTo(false));
        api().when().get(PROPERTIES + "/" + name).then().statusCode(200);
        api().body("{\"name\":\"" + name + "\",\"label\":\"Again\",\"type\":\"datetime\",\"fieldType\":\"date\",\"groupName\":\"stagegate\"}")
                .when().post(PROPERTIES).then().statusCode(409).body("category", equalTo("CONFLICT")).body("status", equalTo("error"));
        api().body("{\"properties\":{\"" + name + "\":\"1775001600000\"}}").when().patch(HubSpotApi.DEALS + "/" + HubSpotFixtures.id(1))
                .then().statusCode(200).body("properties." + name, equalTo("2026-04-01T00:00:00.000Z"));
        String search = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"" + name + "\",\"operator\":\"HAS_PROPERTY\"}]}]}";
        api().body(search).when().post(HubSpotApi.DEALS + "/search").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aPropertyDefinitionIsValidated() {
        api().body("{\"name\":\"bad_type\",\"label\":\"x\",\"type\":\"datetime\",\"fieldType\":\"datetime\",\"groupName\":\"stagegate\"}")
                .when().post(PROPERTIES).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        api().body("{\"name\":\"Bad Name\",\"label\":\"x\",\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"stagegate\"}")
                .when().post(PROPERTIES).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        api().body("{\"name\":\"no_label\",\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"stagegate\"}")
                .when().post(PROPERTIES).then().statusCode(400).body("message", equalTo("Invalid input JSON: Some required fields were not set: [label]"));
        api().body("{\"name\":\"no_group\",\"label\":\"x\",\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"nowhere\"}")
                .when().post(PROPERTIES).then().statusCode(400);
        api().body("{\"name\":\"no_options\",\"label\":\"x\",\"type\":\"enumeration\",\"fieldType\":\"select\",\"groupName\":\"stagegate\"}")
                .when().post(PROPERTIES).then().statusCode(400);
        api().body("{\"name\":\"amount\",\"label\":\"x\",\"type\":\"number\",\"fieldType\":\"number\",\"groupName\":\"dealinformation\"}")
                .when().post(PROPERTIES).then().statusCode(409);
    }

    @Test
    void propertyGroups() {
        api().when().get(PROPERTIES + "/groups").then().statusCode(200).body("results.name", hasItem("exit_criteria"))
                .body("results[0].archived", equalTo(false));
        String name = "group_" + System.nanoTime();
        api().body("{\"name\":\"" + name + "\",\"label\":\"Exit criteria v2\",\"displayOrder\":-1}").when().post(PROPERTIES + "/groups").then()
                .statusCode(201).body("name", equalTo(name)).body("label", equalTo("Exit criteria v2")).body("displayOrder", equalTo(-1))
                .body("archived", equalTo(false));
        api().when().get(PROPERTIES + "/groups/" + name).then().statusCode(200);
        api().body("{\"name\":\"" + name + "\",\"label\":\"Again\"}").when().post(PROPERTIES + "/groups").then().statusCode(409)
                .body("category", equalTo("CONFLICT"));
        api().body("{\"name\":\"Not OK\",\"label\":\"x\"}").when().post(PROPERTIES + "/groups").then().statusCode(400)
                .body("category", equalTo("VALIDATION_ERROR"));
        api().body("{\"name\":\"no_label_group\"}").when().post(PROPERTIES + "/groups").then().statusCode(400);
        api().when().get(PROPERTIES + "/groups/nope").then().statusCode(404);
    }
}

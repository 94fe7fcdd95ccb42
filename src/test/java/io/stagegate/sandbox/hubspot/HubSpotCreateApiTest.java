package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating deals, one and in batches (hubspot.md §3 shapes): 201, defaults, ids, calculated properties, search and changes. */
@QuarkusTest
class HubSpotCreateApiTest {
    private static final String BATCH = DEALS + "/batch/create";

    @Inject
    HubSpotPortal portal;

    private final List<DealChange> changes = new CopyOnWriteArrayList<>();
    private final DealChangeListener listener = changes::add;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
        portal.addListener(listener);
    }

    @AfterEach
    void stopListening() {
        portal.removeListener(listener);
    }

    @Test
    void createAnswers201WithTheDealWhichSearchAndReadsThenFind() {
        Instant before = Instant.now().minusSeconds(1);
        JsonPath created = api().body("{\"properties\":{\"dealname\":\"Fresh deal\",\"dealstage\":\"qualifiedtobuy\",\"pipeline\":\"default\","
                        + "\"amount\":\"4200\",\"budget_confirmed\":\"true\"},\"associations\":[{\"to\":{\"id\":\"901\"},\"types\":"
                        + "[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":3}]},{\"to\":{\"id\":\"902\"},\"types\":"
                        + "[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":3}]}]}")
                .when().post(DEALS).then().statusCode(201)
                .body("properties.dealname", equalTo("Fresh deal"))
                .body("properties.dealstage", equalTo("qualifiedtobuy"))
                .body("properties.pipeline", equalTo("default"))
                .body("properties.amount", equalTo("4200"))
                .body("properties.hs_object_id", notNullValue())
                .body("archived", equalTo(false))
                .extract().jsonPath();

        String id = created.getString("id");
        assertThat(id).isEqualTo(HubSpotFixtures.id(12));
        assertThat(created.getString("properties.hs_object_id")).isEqualTo(id);
        assertThat(created.getString("createdAt")).isEqualTo(created.getString("properties.createdate"));
        assertThat(Instant.parse(created.getString("updatedAt"))).isBetween(before, Instant.now().plusSeconds(1));
        DealSnapshot deal = portal.get(id).orElseThrow();
        assertThat(deal.properties()).containsEntry("hs_deal_stage_probability", "0.40000000000000002220446049250313080847263336181640625")
                .containsEntry("hs_is_closed", "false").containsEntry("hs_projected_amount", "1680").containsEntry("budget_confirmed", "true")
                .containsEntry("num_associated_contacts", "2").containsKey("hs_v2_date_entered_qualifiedtobuy");
        assertThat(deal.associationCounts()).containsEntry("contacts", 2);
        api().body("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"dealname\",\"operator\":\"EQ\",\"value\":\"Fresh deal\"}]}]}")
                .when().post(DEALS + "/search").then().statusCode(200).body("total", equalTo(1)).body("results[0].id", equalTo(id));
        api().queryParam("propertiesWithHistory", "dealstage").queryParam("associations", "contacts").when().get(DEALS + "/" + id).then().statusCode(200)
                .body("propertiesWithHistory.dealstage[0].value", equalTo("qualifiedtobuy"))
                .body("propertiesWithHistory.dealstage[0].sourceType", equalTo("INTEGRATION"))
                .body("associations.contacts.results.id", equalTo(List.of("901", "902")));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).kind()).isEqualTo(DealChange.Kind.CREATED);
        assertThat(changes.get(0).dealId()).isEqualTo(id);
        assertThat(changes.get(0).source().sourceType()).isEqualTo(ChangeSource.INTEGRATION);
    }

    @Test
    void aDealWithoutPipelineOrStageGoesToTheDefaultPipelinesFirstStage() {
        api().body("{\"properties\":{\"dealname\":\"Bare\"}}").when().post("/sandbox/hubspot/crm/v3/objects/0-3").then().statusCode(201)
                .body("properties.pipeline", equalTo("default"))
                .body("properties.dealstage", equalTo("appointmentscheduled"));
    }

    @Test
    void invalidValuesAreRefusedWithHubSpotsValidationErrorAndNothingIsCreated() {
        api().body("{\"properties\":{\"dealname\":\"x\",\"nope\":\"1\"}}").when().post(DEALS).then().statusCode(400)
                .body("category", equalTo("VALIDATION_ERROR"))
                .body("errors[0].code", equalTo("PROPERTY_DOESNT_EXIST"));
        api().body("{\"properties\":{\"dealname\":\"x\",\"hs_object_id\":\"1\"}}").when().post(DEALS).then().statusCode(400)
                .body("errors[0].code", equalTo("READ_ONLY_VALUE"));
        api().body("{\"properties\":{\"dealname\":\"x\",\"dealstage\":\"nowhere\"}}").when().post(DEALS).then().statusCode(400)
                .body("errors[0].code", equalTo("INVALID_OPTION"));
        api().body("{\"dealname\":\"x\"}").when().post(DEALS).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        api().body("{\"properties\":{\"dealname\":\"x\"},\"associations\":[{\"to\":{\"id\":\"5\"},\"types\":[{\"associationCategory\":\"USER_DEFINED\","
                + "\"associationTypeId\":77}]}]}").when().post(DEALS).then().statusCode(400).body("category", equalTo("VALIDATION_ERROR"));
        assertThat(portal.size()).isEqualTo(12);
        assertThat(changes).isEmpty();
    }

    @Test
    void batchCreateAnswers201WithEveryDealInInputOrder() {
        String inputs = IntStream.range(0, 3).mapToObj(i -> "{\"properties\":{\"dealname\":\"Batch " + i + "\",\"dealstage\":\"contractsent\"},"
                + "\"associations\":[]}").collect(Collectors.joining(","));
        JsonPath result = api().body("{\"inputs\":[" + inputs + "]}").when().post(BATCH).then().statusCode(201)
                .body("status", equalTo("COMPLETE"))
                .body("results.properties.dealname", equalTo(List.of("Batch 0", "Batch 1", "Batch 2")))
                .body("startedAt", notNullValue()).body("completedAt", notNullValue())
                .extract().jsonPath();
        assertThat(result.getList("results.id", String.class)).containsExactly(HubSpotFixtures.id(12), HubSpotFixtures.id(13), HubSpotFixtures.id(14));
        assertThat(portal.size()).isEqualTo(15);
        assertThat(changes).extracting(DealChange::kind).containsOnly(DealChange.Kind.CREATED).hasSize(3);
    }

    @Test
    void batchCreateIsAllOrNothingAndHoldsAtMost100() {
        api().body("{\"inputs\":[{\"properties\":{\"dealname\":\"ok\"}},{\"properties\":{\"amount\":\"lots\"}}]}").when().post(BATCH).then()
                .statusCode(400).body("category", equalTo("VALIDATION_ERROR")).body("errors[0].code", equalTo("INVALID_INTEGER"));
        String inputs = IntStream.range(0, 101).mapToObj(i -> "{\"properties\":{\"dealname\":\"d" + i + "\"}}").collect(Collectors.joining(","));
        api().body("{\"inputs\":[" + inputs + "]}").when().post(BATCH).then().statusCode(400)
                .body("message", equalTo("The maximum number of inputs supported in a batch request is 100. Please reduce the number of items and try again"));
        assertThat(portal.size()).isEqualTo(12);
    }
}

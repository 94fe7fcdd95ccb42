package io.stagegate.crm.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.hubspot.HubSpotStubs.PROPERTIES;
import static io.stagegate.crm.hubspot.HubSpotStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import io.stagegate.testsupport.InjectWireMock;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The property bootstrap creates what is missing, in HubSpot's shapes, and nothing when everything exists. */
@QuarkusTest
@TestProfile(HubSpotTestProfile.class)
class HubSpotBootstrapTest {
    static final Playbook PLAYBOOK = EngineProducer.shipped("hubspot").playbook();
    static final String GROUPS = PROPERTIES + "/groups";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    HubSpotGateway gateway;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    HubSpotStubs stubs;

    @BeforeEach
    void freshPortal() {
        wireMock.resetAll();
        gateway.reset();
        circuitBreakers.resetAll();
        stubs = new HubSpotStubs(wireMock);
        wireMock.stubFor(post(urlPathEqualTo(GROUPS)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"stagegate\",\"label\":\"Stagegate\"}")));
        wireMock.stubFor(post(urlPathEqualTo(PROPERTIES)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"created\"}")));
    }

    @Test
    void aFreshPortalGetsTheGroupAndEveryOutputPropertyInItsType() {
        wireMock.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(okJson("{\"results\":[{\"name\":\"dealinformation\",\"label\":\"Deal information\"}]}")));
        wireMock.stubFor(get(urlPathEqualTo(PROPERTIES)).willReturn(okJson("{\"results\":[{\"name\":\"dealstage\",\"type\":\"enumeration\"}]}")));

        List<String> created = gateway.bootstrap(PLAYBOOK, false);

        assertThat(created).hasSize(1 + OutputField.values().length).contains("property group stagegate", "property stagegate_stage_skip");
        assertThat(stubs.bodies(GROUPS)).containsExactly(json("{\"name\":\"stagegate\",\"label\":\"Stagegate\",\"displayOrder\":-1}"));
        List<JsonNode> properties = stubs.bodies(PROPERTIES);
        assertThat(properties).hasSize(OutputField.values().length).allMatch(body -> body.path("groupName").asText().equals("stagegate"));
        JsonNode skip = properties.stream().filter(body -> body.path("name").asText().equals("stagegate_stage_skip")).findFirst().orElseThrow();
        assertThat(skip.path("type").asText()).isEqualTo("bool");
        assertThat(skip.path("fieldType").asText()).isEqualTo("booleancheckbox");
        assertThat(skip.path("options")).hasSize(2);
        JsonNode amount = properties.stream().filter(body -> body.path("name").asText().equals("stagegate_qualified_forecast_amount")).findFirst().orElseThrow();
        assertThat(amount.path("type").asText()).isEqualTo("number");
        assertThat(amount.path("numberDisplayHint").asText()).isEqualTo("currency");
        JsonNode category = properties.stream().filter(body -> body.path("name").asText().equals("stagegate_qualified_forecast_category")).findFirst()
                .orElseThrow();
        assertThat(category.path("options").findValuesAsText("value")).containsExactly("OMIT", "PIPELINE", "BEST_CASE", "COMMIT", "CLOSED");
    }

    @Test
    void askedForThemTheSuggestedCriteriaPropertiesAreCreatedTypedByTheirRules() {
        wireMock.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(okJson("{\"results\":[{\"name\":\"stagegate\"}]}")));
        ObjectNode listing = HubSpotStubs.JSON.createObjectNode();
        ArrayNode results = listing.putArray("results");
        for (OutputField output : OutputField.values()) {
            results.addObject().put("name", PLAYBOOK.outputField(output)).put("type", OutputProperties.type(output));
        }
        results.addObject().put("name", "demo_date").put("type", "date");
        wireMock.stubFor(get(urlPathEqualTo(PROPERTIES)).willReturn(okJson(listing.toString())));

        List<String> created = gateway.bootstrap(PLAYBOOK, true);

        assertThat(created).hasSize(PLAYBOOK.criteriaFields().size() - 1).doesNotContain("property demo_date");
        List<JsonNode> bodies = stubs.bodies(PROPERTIES);
        JsonNode checkbox = bodies.stream().filter(body -> body.path("name").asText().equals("budget_confirmed")).findFirst().orElseThrow();
        assertThat(checkbox.path("type").asText()).isEqualTo("bool");
        assertThat(checkbox.path("fieldType").asText()).isEqualTo("booleancheckbox");
        JsonNode date = bodies.stream().filter(body -> body.path("name").asText().equals("next_step_date")).findFirst().orElseThrow();
        assertThat(date.path("type").asText()).isEqualTo("date");
        assertThat(date.path("fieldType").asText()).isEqualTo("date");
    }

    @Test
    void aSecondRunCreatesNothing() {
        wireMock.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(okJson("{\"results\":[{\"name\":\"stagegate\",\"label\":\"Stagegate\"}]}")));
        stubs.properties(PLAYBOOK);

        assertThat(gateway.bootstrap(PLAYBOOK, false)).isEmpty();
        assertThat(stubs.requests(GROUPS)).isEmpty();
        assertThat(stubs.requests(PROPERTIES)).isEmpty();
    }

    @Test
    void aPropertyCreatedMeanwhileByAnotherInstanceCountsAsExisting() {
        wireMock.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(okJson("{\"results\":[{\"name\":\"stagegate\"}]}")));
        ObjectNode listing = HubSpotStubs.JSON.createObjectNode();
        ArrayNode results = listing.putArray("results");
        for (OutputField output : OutputField.values()) {
            if (output != OutputField.STAGE_SKIP) {
                results.addObject().put("name", PLAYBOOK.outputField(output)).put("type", OutputProperties.type(output));
            }
        }
        wireMock.stubFor(get(urlPathEqualTo(PROPERTIES)).willReturn(okJson(listing.toString())));
        wireMock.stubFor(post(urlPathEqualTo(PROPERTIES)).willReturn(HubSpotStubs.error(409,
                "{\"status\":\"error\",\"message\":\"Property named 'stagegate_stage_skip' already exists.\",\"category\":\"OBJECT_ALREADY_EXISTS\"}")));

        assertThat(gateway.bootstrap(PLAYBOOK, false)).isEmpty();
        assertThat(stubs.requests(PROPERTIES)).hasSize(1);
    }

    @Test
    void anExistingOutputOfTheWrongTypeIsReportedAndLeftAlone() {
        wireMock.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(okJson("{\"results\":[{\"name\":\"stagegate\"}]}")));
        ObjectNode listing = HubSpotStubs.JSON.createObjectNode();
        ArrayNode results = listing.putArray("results");
        for (OutputField output : OutputField.values()) {
            results.addObject().put("name", PLAYBOOK.outputField(output))
                    .put("type", output == OutputField.QUALIFIED_FORECAST_AMOUNT ? "string" : OutputProperties.type(output));
        }
        wireMock.stubFor(get(urlPathEqualTo(PROPERTIES)).willReturn(okJson(listing.toString())));

        assertThatThrownBy(() -> gateway.bootstrap(PLAYBOOK, false)).isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("stagegate_qualified_forecast_amount is of type string, qualifiedForecastAmount needs number");
        assertThat(stubs.requests(PROPERTIES)).isEmpty();
    }
}

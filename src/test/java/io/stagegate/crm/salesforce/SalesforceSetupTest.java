package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.salesforce.SalesforceStubs.DESCRIBE;
import static io.stagegate.crm.salesforce.SalesforceStubs.QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SalesforceTestProfile.class)
class SalesforceSetupTest extends SalesforceWireMockTest {
    private static final List<String> STAGES = List.of("Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
            "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost");

    private void stages(Map<String, String> overrides) {
        ArrayNode rows = SalesforceStubs.JSON.createArrayNode();
        for (String stage : STAGES) {
            String override = overrides.getOrDefault(stage, "");
            if (override.equals("missing")) {
                continue;
            }
            ObjectNode row = rows.addObject();
            row.putObject("attributes").put("type", "OpportunityStage");
            row.put("MasterLabel", stage);
            row.put("IsActive", !override.equals("inactive"));
            row.put("IsClosed", stage.startsWith("Closed"));
            row.put("IsWon", stage.equals("Closed Won") && !override.equals("lost"));
        }
        wireMock.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", matching(".*FROM OpportunityStage.*"))
                .willReturn(okJson("{\"totalSize\":" + rows.size() + ",\"done\":true,\"records\":" + rows + "}")));
    }

    @Test
    void theShippedMetadataAndPlaybookFitTogether() {
        stubs.token("tok-1");
        stubs.describe();
        stages(Map.of());

        assertThat(gateway.validateSetup(PLAYBOOK)).isEmpty();
        assertThat(stubs.soql(QUERY)).containsExactly("SELECT MasterLabel, IsActive, IsClosed, IsWon FROM OpportunityStage WHERE MasterLabel IN "
                + "('Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', "
                + "'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost') ORDER BY SortOrder");
    }

    @Test
    void everyProblemNamesTheFieldOrStageAndWhatToFix() throws Exception {
        stubs.token("tok-1");
        ObjectNode describe = (ObjectNode) SalesforceStubs.JSON.readTree(SalesforceStubs.resource("salesforce/describe-opportunity.json"));
        ArrayNode fields = (ArrayNode) describe.get("fields");
        for (int i = fields.size() - 1; i >= 0; i--) {
            ObjectNode field = (ObjectNode) fields.get(i);
            switch (field.get("name").asText()) {
                case "Demo_Date__c" -> fields.remove(i);
                case "Budget_Confirmed__c" -> field.put("type", "string");
                case "Qualified_Forecast__c" -> field.put("updateable", false);
                case "Over_Staged__c" -> field.put("type", "double");
                case "Qualified_Forecast_Category__c" -> ((ArrayNode) field.get("picklistValues")).remove(4);
                default -> { }
            }
        }
        wireMock.stubFor(get(DESCRIBE).willReturn(okJson(describe.toString())));
        stages(Map.of("Perception Analysis", "missing", "Id. Decision Makers", "inactive", "Closed Won", "lost"));

        assertThat(gateway.validateSetup(PLAYBOOK)).containsExactly(
                "criteria field Opportunity.Demo_Date__c is missing on Opportunity or hidden from the integration user by field-level security: "
                        + "create it (deploy/salesforce) or grant access in the Stagegate_Integration permission set",
                "criteria field Opportunity.Budget_Confirmed__c is of type string but the rule checkbox needs boolean: "
                        + "map a field of a matching type or change the rule",
                "output field Opportunity.Qualified_Forecast__c is not updateable by the integration user: give it edit access in the "
                        + "Stagegate_Integration permission set (and make sure it is not a formula field)",
                "output field Opportunity.Qualified_Forecast_Category__c is a restricted picklist without the active value 'Omitted': "
                        + "add it, or writes will fail with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                "output field Opportunity.Over_Staged__c is of type double but overStaged needs boolean: deploy the field from deploy/salesforce",
                "pipeline 'standard': stage 'Id. Decision Makers' is inactive in Salesforce: activate it or remove it from the playbook",
                "pipeline 'standard': stage 'Perception Analysis' does not exist in Salesforce's OpportunityStage: correct the playbook's "
                        + "crmStages value (it must equal the stage's label exactly)",
                "pipeline 'standard': stage 'Closed Won' is mapped as closed won but Salesforce has it as closed lost: move it in the playbook");
    }

    @Test
    void aCachedDescribeIsRevalidatedWithIfModifiedSince() {
        stubs.token("tok-1");
        wireMock.stubFor(get(DESCRIBE).inScenario("describe").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(SalesforceStubs.resource("salesforce/describe-opportunity.json"))).willSetStateTo("cached"));
        wireMock.stubFor(get(DESCRIBE).inScenario("describe").whenScenarioStateIs("cached").willReturn(aResponse().withStatus(304)));
        stages(Map.of());

        assertThat(gateway.validateSetup(PLAYBOOK)).isEmpty();
        assertThat(gateway.validateSetup(PLAYBOOK)).isEmpty();

        assertThat(stubs.requests(DESCRIBE)).extracting(request -> request.getHeader("If-Modified-Since"))
                .hasSize(2).first().isNull();
        assertThat(stubs.requests(DESCRIBE).get(1).getHeader("If-Modified-Since")).matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }
}

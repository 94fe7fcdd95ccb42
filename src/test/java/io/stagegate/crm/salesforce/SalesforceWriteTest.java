package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static io.stagegate.crm.salesforce.SalesforceStubs.COLLECTION;
import static io.stagegate.crm.salesforce.SalesforceStubs.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.WriteOutcome;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SalesforceTestProfile.class)
class SalesforceWriteTest extends SalesforceWireMockTest {

    @Test
    void writesTypedValuesInOneCollectionCallWithOurClientTag() throws Exception {
        stubs.org();
        wireMock.stubFor(patch(COLLECTION).willReturn(okJson("[{\"id\":\"" + id(1) + "\",\"success\":true,\"errors\":[]}]")));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Qualified_Stage__c", "Consideration — pain");
        values.put("Qualified_Probability__c", new BigDecimal("2E+1"));
        values.put("Qualified_Forecast__c", new BigDecimal("25000.00"));
        values.put("Over_Staged__c", true);
        values.put("Next_Debrief_Question__c", null);
        values.put("Discovery_Meeting_Date__c", LocalDate.of(2026, 10, 1));
        values.put("Missing_Exit_Criteria__c", "x".repeat(300));

        List<WriteOutcome> outcomes = gateway.write(List.of(new FieldUpdate(id(1), values)));

        assertThat(outcomes).containsExactly(WriteOutcome.written(id(1)));
        LoggedRequest request = stubs.requests(COLLECTION).get(0);
        assertThat(request.getHeader("Sforce-Call-Options")).isEqualTo("client=stagegate");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Opportunity\"},"
                + "\"id\":\"" + id(1) + "\",\"Qualified_Stage__c\":\"Consideration — pain\",\"Qualified_Probability__c\":20,"
                + "\"Qualified_Forecast__c\":25000.00,\"Over_Staged__c\":true,\"Next_Debrief_Question__c\":null,"
                + "\"Discovery_Meeting_Date__c\":\"2026-10-01\",\"Missing_Exit_Criteria__c\":\"" + "x".repeat(254) + "…\"}]}");
    }

    @Test
    void fourHundredFiftyUpdatesTakeThreeCallsOf200And200And50() throws Exception {
        stubs.org();
        wireMock.stubFor(patch(COLLECTION).inScenario("batches").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(successes(200))).willSetStateTo("second"));
        wireMock.stubFor(patch(COLLECTION).inScenario("batches").whenScenarioStateIs("second")
                .willReturn(okJson(successes(200))).willSetStateTo("third"));
        wireMock.stubFor(patch(COLLECTION).inScenario("batches").whenScenarioStateIs("third").willReturn(okJson(successes(50))));
        List<FieldUpdate> updates = new ArrayList<>();
        for (int n = 1; n <= 450; n++) {
            updates.add(new FieldUpdate(id(n), Map.of("Over_Staged__c", n % 2 == 0)));
        }

        List<WriteOutcome> outcomes = gateway.write(updates);

        List<Integer> sizes = new ArrayList<>();
        for (LoggedRequest request : stubs.requests(COLLECTION)) {
            JsonNode body = SalesforceStubs.JSON.readTree(request.getBodyAsString());
            sizes.add(body.get("records").size());
            assertThat(body.get("allOrNone").asBoolean()).isFalse();
        }
        assertThat(sizes).containsExactly(200, 200, 50);
        assertThat(outcomes).hasSize(450).allMatch(outcome -> outcome.status() == WriteOutcome.Status.WRITTEN);
        assertThat(outcomes.get(449).id()).isEqualTo(id(450));
        System.out.printf("Write of 450 updates: %d calls = 1 token + 1 describe + %d collection updates%n", stubs.total(), sizes.size());
        assertThat(stubs.total()).isEqualTo(5);
    }

    @Test
    void partialFailureIsMatchedByPositionAndClassifiedPerRecord() {
        stubs.org();
        wireMock.stubFor(patch(COLLECTION).willReturn(okJson("["
                + "{\"id\":\"" + id(1) + "\",\"success\":true,\"errors\":[]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"message\":\"Amount required in Proposal\",\"fields\":[]}]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive access to this record\",\"fields\":[]}]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"ENTITY_IS_DELETED\",\"message\":\"entity is deleted\",\"fields\":[]}]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\",\"message\":\"Unable to create/update fields: Over_Staged__c.\",\"fields\":[\"Over_Staged__c\"]}]}"
                + "]")));
        List<FieldUpdate> updates = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            updates.add(new FieldUpdate(id(n), Map.of("Over_Staged__c", true)));
        }
        updates.add(2, new FieldUpdate("not-an-id", Map.of("Over_Staged__c", true)));

        List<WriteOutcome> outcomes = gateway.write(updates);

        assertThat(outcomes).containsExactly(
                WriteOutcome.written(id(1)),
                new WriteOutcome(id(2), WriteOutcome.Status.REJECTED, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Amount required in Proposal"),
                new WriteOutcome("not-an-id", WriteOutcome.Status.REJECTED, "MALFORMED_ID", "'not-an-id' is not a Salesforce id"),
                new WriteOutcome(id(3), WriteOutcome.Status.RETRY, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"),
                new WriteOutcome(id(4), WriteOutcome.Status.REJECTED, "ENTITY_IS_DELETED", "entity is deleted"),
                new WriteOutcome(id(5), WriteOutcome.Status.REJECTED, "INVALID_FIELD_FOR_INSERT_UPDATE",
                        "Unable to create/update fields: Over_Staged__c. (fields: Over_Staged__c)"));
        assertThat(stubs.requests(COLLECTION)).hasSize(1);
    }

    private static String successes(int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id(i + 1)).append("\",\"success\":true,\"errors\":[]}");
        }
        return body.append("]").toString();
    }
}

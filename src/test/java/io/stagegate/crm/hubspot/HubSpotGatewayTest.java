package io.stagegate.crm.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.hubspot.HubSpotStubs.BATCH_READ;
import static io.stagegate.crm.hubspot.HubSpotStubs.BATCH_UPDATE;
import static io.stagegate.crm.hubspot.HubSpotStubs.SEARCH;
import static io.stagegate.crm.hubspot.HubSpotStubs.batch;
import static io.stagegate.crm.hubspot.HubSpotStubs.deal;
import static io.stagegate.crm.hubspot.HubSpotStubs.error;
import static io.stagegate.crm.hubspot.HubSpotStubs.hit;
import static io.stagegate.crm.hubspot.HubSpotStubs.json;
import static io.stagegate.crm.hubspot.HubSpotStubs.searchPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.SyncCursor;
import io.stagegate.crm.WriteOutcome;
import io.stagegate.testsupport.InjectWireMock;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector's requests, exactly, and how it reads HubSpot's answers, against WireMock. */
@QuarkusTest
@TestProfile(HubSpotTestProfile.class)
class HubSpotGatewayTest {
    static final Playbook PLAYBOOK = EngineProducer.shipped("hubspot").playbook();
    static final Instant UNTIL = Instant.parse("2026-11-20T10:00:00Z");

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
        stubs.properties(PLAYBOOK);
    }

    @Test
    void aBackfillSearchesByModificationStampThenReadsValuesAndHistoryInBatchesOfFifty() {
        List<ObjectNode> hits = new ArrayList<>();
        List<ObjectNode> deals = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            hits.add(hit(1000 + i, "2026-11-19T08:00:00." + String.format("%03d", i) + "Z"));
            deals.add(deal(1000 + i, "2026-11-19T08:00:00." + String.format("%03d", i) + "Z"));
        }
        ObjectNode first = deals.get(0);
        ((ObjectNode) first.get("properties")).put("amount", "12345678901234567.891").put("budget_confirmed", "true")
                .put("demo_date", "2026-11-02").put("num_associated_contacts", "3").put("closedate", "2026-12-31T00:00:00Z");
        ArrayNode history = first.putObject("propertiesWithHistory").putArray("dealstage");
        history.addObject().put("value", "qualifiedtobuy").put("timestamp", "2026-11-10T09:00:00.000Z").put("sourceType", "CRM_UI");
        history.addObject().put("value", "appointmentscheduled").put("timestamp", "2026-11-01T09:00:00Z").put("sourceType", "API");
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage(hits, 120, null))));
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).willReturn(okJson(batch(deals.subList(0, 50)))).atPriority(5));
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"1050\""))
                .willReturn(okJson(batch(deals.subList(50, 100)))).atPriority(1));
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"1100\""))
                .willReturn(okJson(batch(deals.subList(100, 120)))).atPriority(1));

        ChangePage page = gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);

        assertThat(stubs.bodies(SEARCH)).containsExactly(json("{\"filterGroups\":[{\"filters\":["
                + "{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"0\"},"
                + "{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"LTE\",\"value\":\"" + UNTIL.toEpochMilli() + "\"}]}],"
                + "\"sorts\":[{\"propertyName\":\"hs_lastmodifieddate\",\"direction\":\"ASCENDING\"}],"
                + "\"properties\":[\"hs_lastmodifieddate\"],\"limit\":200,\"after\":\"0\"}"));
        wireMock.verify(postRequestedFor(urlPathEqualTo(SEARCH)).withHeader("Authorization", equalTo("Bearer " + HubSpotTestProfile.TOKEN)));
        List<JsonNode> reads = stubs.bodies(BATCH_READ);
        assertThat(reads).extracting(body -> body.path("inputs").size()).containsExactly(50, 50, 20);
        assertThat(reads.get(0).path("propertiesWithHistory").toString()).isEqualTo("[\"dealstage\"]");
        assertThat(reads.get(0).path("properties").toString()).contains("\"dealstage\"", "\"budget_confirmed\"", "\"num_associated_contacts\"",
                "\"stagegate_qualified_forecast_amount\"");
        assertThat(stubs.requests(BATCH_READ).get(0).queryParameter("archived").firstValue()).isEqualTo("false");

        assertThat(page.records()).hasSize(120);
        assertThat(page.more()).isFalse();
        assertThat(page.next()).isEqualTo(new SyncCursor(Instant.parse("2026-11-19T08:00:00.119Z"), "1119"));
        CrmOpportunity deal = page.records().get(0);
        assertThat(deal.amount()).isEqualTo(new BigDecimal("12345678901234567.891"));
        assertThat(deal.fields()).containsEntry("budget_confirmed", true).containsEntry("demo_date", LocalDate.parse("2026-11-02"));
        assertThat(deal.related()).containsEntry("contacts", 3);
        assertThat(deal.closeDate()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(deal.history()).containsExactly(new StageChange("appointmentscheduled", Instant.parse("2026-11-01T09:00:00Z")),
                new StageChange("qualifiedtobuy", Instant.parse("2026-11-10T09:00:00Z")));
    }

    @Test
    void pagesContinueWithAfterAndANewWindowStartsBeforeTheTenThousandCap() {
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).willReturn(okJson(batch(List.of()))));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("paging").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(searchPage(List.of(hit(7, "2026-11-19T08:00:00.000Z")), 12_000, "200"))).willSetStateTo("second"));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("paging").whenScenarioStateIs("second")
                .willReturn(okJson(searchPage(List.of(hit(9, "2026-11-19T08:00:01.000Z")), 12_000, "9900"))).willSetStateTo("third"));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("paging").whenScenarioStateIs("third")
                .willReturn(okJson(searchPage(List.of(hit(11, "2026-11-19T08:00:02.000Z")), 2_000, null))));

        ChangePage first = gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);
        ChangePage second = gateway.changedSince(PLAYBOOK, first.next(), UNTIL);
        ChangePage third = gateway.changedSince(PLAYBOOK, second.next(), UNTIL);

        assertThat(first.more()).isTrue();
        assertThat(second.more()).isTrue();
        assertThat(third.more()).isFalse();
        List<JsonNode> searches = stubs.bodies(SEARCH);
        assertThat(searches).extracting(body -> body.path("after").asText()).containsExactly("0", "200", "0");
        assertThat(searches.get(1).path("filterGroups")).isEqualTo(searches.get(0).path("filterGroups"));
        // past 9,800 the next page would cross 10,000: a new query from the keyset cursor, the id breaking the tie
        assertThat(searches.get(2).path("filterGroups")).isEqualTo(json("[{\"filters\":["
                + "{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GT\",\"value\":\"" + Instant.parse("2026-11-19T08:00:01Z").toEpochMilli() + "\"},"
                + "{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"LTE\",\"value\":\"" + UNTIL.toEpochMilli() + "\"}]},"
                + "{\"filters\":[{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"EQ\",\"value\":\"" + Instant.parse("2026-11-19T08:00:01Z").toEpochMilli() + "\"},"
                + "{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\"9\"}]}]"));
    }

    @Test
    void whenTheResultSetChangesUnderThePagingTheNextPageRestartsFromTheCursor() {
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).willReturn(okJson(batch(List.of()))));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("shift").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(searchPage(List.of(hit(7, "2026-11-19T08:00:00.000Z")), 400, "200"))).willSetStateTo("shifted"));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("shift").whenScenarioStateIs("shifted")
                .willReturn(okJson(searchPage(List.of(hit(9, "2026-11-19T08:00:01.000Z")), 399, null))));

        ChangePage first = gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);
        gateway.changedSince(PLAYBOOK, first.next(), UNTIL);

        assertThat(stubs.bodies(SEARCH)).extracting(body -> body.path("after").asText()).containsExactly("0", "200", "0");
    }

    @Test
    void writesGoInBatchesOfAHundredAsStringsAndA207IsAnsweredPerDeal() {
        wireMock.stubFor(post(urlPathEqualTo(BATCH_UPDATE)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"1000\""))
                .willReturn(aBatchWhere(1000, 1100, "1003")));
        wireMock.stubFor(post(urlPathEqualTo(BATCH_UPDATE)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"1100\""))
                .willReturn(aBatchWhere(1100, 1150, null)));
        List<FieldUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            values.put("stagegate_qualified_forecast_amount", new BigDecimal("1500.50"));
            values.put("stagegate_stage_skip", true);
            values.put("stagegate_qualified_stage", null);
            updates.add(new FieldUpdate(Long.toString(1000 + i), values));
        }

        List<WriteOutcome> outcomes = gateway.write(updates);

        List<JsonNode> bodies = stubs.bodies(BATCH_UPDATE);
        assertThat(bodies).extracting(body -> body.path("inputs").size()).containsExactly(100, 50);
        assertThat(bodies.get(0).path("inputs").get(0)).isEqualTo(json("{\"id\":\"1000\",\"properties\":{"
                + "\"stagegate_qualified_forecast_amount\":\"1500.5\",\"stagegate_stage_skip\":\"true\",\"stagegate_qualified_stage\":\"\"}}"));
        assertThat(outcomes).hasSize(150);
        assertThat(outcomes.get(3).status()).isEqualTo(WriteOutcome.Status.REJECTED);
        assertThat(outcomes.get(3).code()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(outcomes).filteredOn(outcome -> outcome.status() == WriteOutcome.Status.WRITTEN).hasSize(149);
    }

    /** A 207 for deals {@code from} to {@code to} (exclusive): every one written except {@code missing}. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder aBatchWhere(int from, int to, String missing) {
        List<ObjectNode> written = new ArrayList<>();
        for (int id = from; id < to; id++) {
            if (!Integer.toString(id).equals(missing)) {
                written.add(hit(id, "2026-11-19T08:00:00.000Z"));
            }
        }
        ObjectNode body = (ObjectNode) json(batch(written));
        if (missing != null) {
            body.put("numErrors", 1).putArray("errors").addObject().put("status", "error").put("category", "OBJECT_NOT_FOUND")
                    .put("message", "Could not get some DEAL objects, they may be deleted or not exist.").putObject("context").putArray("ids").add(missing);
        }
        return aResponseOf(missing == null ? 200 : 207, body.toString());
    }

    @Test
    void anInvalidValueFailingTheWholeBatchIsNarrowedDownToItsDeal() {
        String invalid = "{\"status\":\"error\",\"message\":\"Property values were not valid\",\"category\":\"VALIDATION_ERROR\"}";
        wireMock.stubFor(post(urlPathEqualTo(BATCH_UPDATE)).willReturn(okJson("{\"status\":\"COMPLETE\",\"results\":[]}")).atPriority(5));
        wireMock.stubFor(post(urlPathEqualTo(BATCH_UPDATE)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"2\""))
                .willReturn(error(400, invalid)).atPriority(1));
        List<FieldUpdate> updates = List.of(new FieldUpdate("1", Map.of("stagegate_qualified_stage", "A")),
                new FieldUpdate("2", Map.of("stagegate_qualified_stage", "B")), new FieldUpdate("3", Map.of("stagegate_qualified_stage", "C")));

        List<WriteOutcome> outcomes = gateway.write(updates);

        assertThat(outcomes).extracting(WriteOutcome::status).containsExactly(WriteOutcome.Status.RETRY, WriteOutcome.Status.REJECTED,
                WriteOutcome.Status.RETRY);
        assertThat(outcomes.get(1).code()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void aTenSecondlyBurstLimitWaitsForTheWindowThenGoesOn() {
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).willReturn(okJson(batch(List.of()))));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, "{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
                        + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}")
                        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "400").withHeader("X-HubSpot-RateLimit-Max", "100")
                        .withHeader("X-HubSpot-RateLimit-Remaining", "0"))
                .willSetStateTo("open"));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("burst").whenScenarioStateIs("open")
                .willReturn(okJson(searchPage(List.of(), 0, null))));

        long started = System.nanoTime();
        gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(stubs.requests(SEARCH)).hasSize(2);
        assertThat(tookMs).as("waited for the 400 ms window the headers announced").isGreaterThanOrEqualTo(400);
    }

    @Test
    void theDailyLimitParksWithoutRetrying() {
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(error(429, "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\","
                + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"DAILY\"}")));

        assertThatThrownBy(() -> gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL)).isInstanceOf(CrmException.QuotaExhausted.class)
                .hasMessageContaining("daily");
        assertThat(stubs.requests(SEARCH)).hasSize(1);
        assertThatThrownBy(() -> gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL)).isInstanceOf(CrmException.QuotaExhausted.class);
        assertThat(stubs.requests(SEARCH)).as("no call while parked").hasSize(1);
    }

    @Test
    void theSearchSecondlyLimitIsRetriedAfterASecond() {
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).willReturn(okJson(batch(List.of()))));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("secondly").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\",\"errorType\":\"RATE_LIMIT\"}"))
                .willSetStateTo("open"));
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).inScenario("secondly").whenScenarioStateIs("open")
                .willReturn(okJson(searchPage(List.of(), 0, null))));

        long started = System.nanoTime();
        gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);

        assertThat(stubs.requests(SEARCH)).hasSize(2);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void searchNeverGoesAboveTheConfiguredRatePerSecond() {
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage(List.of(), 0, null))));
        gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL); // reads the properties first

        for (int i = 0; i < 9; i++) {
            gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);
        }

        List<Long> at = stubs.requests(SEARCH).stream().map(request -> request.getLoggedDate().getTime()).sorted().toList();
        assertThat(at).hasSize(10);
        // HubSpot allows 5 per second: no 6 arrive within one; paced at 4 per second, 5 span at least a second (less arrival jitter)
        for (int i = 5; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 5)).as("6 searches ending with search %d", i).isGreaterThan(1_000);
        }
        assertThat(at.get(at.size() - 1) - at.get(0)).as("10 searches at 4 per second").isGreaterThanOrEqualTo(1_900);
    }

    @Test
    void atTheDailyStopShareCallingStopsUntilTheUsageDrops() {
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(okJson(searchPage(List.of(), 0, null))
                .withHeader("X-HubSpot-RateLimit-Daily", "1000").withHeader("X-HubSpot-RateLimit-Daily-Remaining", "150")));
        gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);
        assertThat(gateway.quotaUsed()).isEqualTo(0.85);
        gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL); // one probe, then the stop holds for the check interval
        int calls = stubs.requests(SEARCH).size();

        assertThatThrownBy(() -> gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL)).isInstanceOf(CrmException.QuotaExhausted.class)
                .hasMessageContaining("850 of 1000");
        assertThat(stubs.requests(SEARCH)).hasSize(calls);
    }

    @Test
    void aRejectedTokenNamesTheVariableAndAMissingScopeNamesTheScope() {
        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(error(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                + "\"category\":\"INVALID_AUTHENTICATION\"}")));
        assertThatThrownBy(() -> gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL)).isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("STAGEGATE_HUBSPOT_ACCESS_TOKEN");

        wireMock.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(error(403, "{\"status\":\"error\",\"message\":\"This app hasn't been granted all "
                + "required scopes to make this call.\",\"errors\":[{\"message\":\"One or more of the following scopes are required.\","
                + "\"context\":{\"requiredGranularScopes\":[\"crm.objects.deals.read\"]}}],\"category\":\"MISSING_SCOPES\"}")));
        assertThatThrownBy(() -> gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL)).isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("lacks the scope crm.objects.deals.read");
    }

    @Test
    void readingByIdLooksUpMissingDealsAmongTheArchivedAndReportsThemDeleted() {
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).withQueryParam("archived", equalTo("false"))
                .willReturn(aResponseOf(207, batch(List.of(deal(5, "2026-11-19T08:00:00.000Z"))))));
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).withQueryParam("archived", equalTo("true"))
                .willReturn(okJson(batch(List.of((ObjectNode) deal(6, "2026-11-19T09:00:00.000Z").put("archived", true))))));

        List<CrmOpportunity> read = gateway.read(PLAYBOOK, List.of("5", "6", "not-an-id"));

        assertThat(read).extracting(CrmOpportunity::id).containsExactly("5", "6");
        assertThat(read).extracting(CrmOpportunity::deleted).containsExactly(false, true);
        assertThat(stubs.bodies(BATCH_READ).get(1).path("inputs").toString()).isEqualTo("[{\"id\":\"6\"}]");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder aResponseOf(int status, String body) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

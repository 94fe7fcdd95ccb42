package io.stagegate.crm.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.hubspot.HubSpotStubs.BATCH_READ;
import static io.stagegate.crm.hubspot.HubSpotStubs.JSON;
import static io.stagegate.crm.hubspot.HubSpotStubs.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.stagegate.backtest.OpportunityPast;
import io.stagegate.backtest.PastOpportunity;
import io.stagegate.backtest.PointInTime;
import io.stagegate.criteria.OutputField;
import io.stagegate.crm.CrmHistory;
import io.stagegate.testsupport.InjectWireMock;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HubSpot history reader's requests, exactly, and what it makes of {@code propertiesWithHistory}, against WireMock. */
@QuarkusTest
@TestProfile(HubSpotTestProfile.class)
class HubSpotHistoryTest {
    private static final String LIST = "/crm/v3/objects/deals";
    private static final Instant SINCE = Instant.parse("2026-07-01T00:00:00Z");

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
        ObjectNode listing = JSON.createObjectNode();
        ArrayNode results = listing.putArray("results");
        for (String name : List.of("dealstage", "pipeline", "deal_currency_code", "hubspot_owner_id", "hs_v2_date_entered_current_stage")) {
            results.addObject().put("name", name).put("type", name.startsWith("hs_v2") ? "datetime" : "enumeration");
        }
        results.addObject().put("name", "amount").put("type", "number");
        results.addObject().put("name", "num_associated_contacts").put("type", "number");
        results.addObject().put("name", "closedate").put("type", "datetime");
        results.addObject().put("name", "hs_is_closed").put("type", "bool");
        HubSpotGatewayTest.PLAYBOOK.criteriaFields().forEach(name -> results.addObject().put("name", name).put("type", "bool"));
        for (OutputField output : OutputField.values()) {
            results.addObject().put("name", HubSpotGatewayTest.PLAYBOOK.outputField(output)).put("type", OutputProperties.type(output));
        }
        wireMock.stubFor(get(urlPathEqualTo(HubSpotStubs.PROPERTIES)).willReturn(okJson(listing.toString())));
    }

    @Test
    void listsEveryDealThenReadsTheHistoryOfThoseThatExistedSinceTheStartFiftyPerCall() {
        // live: 1 open, 2 closed and untouched since the start (skipped), 3 closed since; page two: 4 open
        wireMock.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("archived", com.github.tomakehurst.wiremock.client.WireMock.equalTo("false"))
                .willReturn(okJson(page(List.of(listed(1, false, "2026-06-01T00:00:00Z"), listed(2, true, "2026-06-30T23:59:59.999Z"),
                        listed(3, true, "2026-07-15T00:00:00Z")), "4"))));
        wireMock.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("archived", com.github.tomakehurst.wiremock.client.WireMock.equalTo("false"))
                .withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.equalTo("4")).atPriority(1)
                .willReturn(okJson(page(List.of(listed(4, false, "2026-05-01T00:00:00Z")), null))));
        // archived: 5 after the start (read), 6 before it (skipped)
        wireMock.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("archived", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true"))
                .willReturn(okJson(page(List.of(archived(5, "2026-08-01T00:00:00Z"), archived(6, "2026-06-01T00:00:00Z")), null))));
        ObjectNode one = deal(1, "qualifiedtobuy", "5000");
        ObjectNode history = one.putObject("propertiesWithHistory");
        entries(history.putArray("dealstage"), "qualifiedtobuy", "2026-07-20T10:00:00Z", "appointmentscheduled", "2026-05-01T00:00:00Z");
        entries(history.putArray("amount"), "5000", "2026-08-01T00:00:00Z", "4000", "2026-05-01T00:00:00Z");
        entries(history.putArray("budget_confirmed"), "true", "2026-07-01T00:00:00Z");
        entries(history.putArray("num_associated_contacts"), "3", "2026-07-10T00:00:00Z", "1", "2026-05-01T00:00:00Z");
        ObjectNode four = deal(4, "appointmentscheduled", "100");
        entries(four.putObject("propertiesWithHistory").putArray("num_associated_contacts"), "1", "2026-07-10T00:00:00Z", "2",
                "2026-05-01T00:00:00Z");
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).withQueryParam("archived", com.github.tomakehurst.wiremock.client.WireMock.equalTo("false"))
                .willReturn(okJson(batch(List.of(one, deal(3, "closedwon", "900"), four)))));
        ObjectNode five = deal(5, "qualifiedtobuy", "700");
        five.put("archived", true).put("archivedAt", "2026-08-01T00:00:00Z");
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).withQueryParam("archived", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true"))
                .withRequestBody(containing("\"5\"")).willReturn(okJson(batch(List.of(five)))));

        CrmHistory read = gateway.history(HubSpotGatewayTest.PLAYBOOK, SINCE);

        List<LoggedRequest> lists = wireMock.findAll(getRequestedFor(urlPathEqualTo(LIST)));
        assertThat(lists).extracting(request -> request.queryParameter("archived").firstValue() + " " + request.queryParameter("limit").firstValue()
                + " " + request.queryParameter("properties").firstValue() + " " + (request.queryParameter("after").isPresent()
                ? request.queryParameter("after").firstValue() : "-"))
                .containsExactly("false 100 hs_lastmodifieddate,hs_is_closed -", "false 100 hs_lastmodifieddate,hs_is_closed 4",
                        "true 100 hs_lastmodifieddate -");
        List<JsonNode> reads = stubs.bodies(BATCH_READ);
        assertThat(reads).extracting(body -> body.path("inputs").findValuesAsText("id")).containsExactly(List.of("1", "3", "4"), List.of("5"));
        assertThat(reads.get(0).path("propertiesWithHistory").toString()).startsWith("[\"dealstage\",\"amount\",\"closedate\",")
                .contains("\"budget_confirmed\"").endsWith(",\"num_associated_contacts\"]");
        assertThat(reads.get(0).path("properties").toString()).contains("\"createdate\"", "\"hubspot_owner_id\"");
        assertThat(read.calls()).isEqualTo(5);
        assertThat(read.untrackedFields()).isEmpty();

        Map<String, OpportunityPast> pasts = read.opportunities().stream().collect(Collectors.toMap(past -> past.current().id(), Function.identity()));
        assertThat(pasts).containsOnlyKeys("1", "3", "4", "5");
        PastOpportunity firstDay = PointInTime.asOf(pasts.get("1"), SINCE, ZoneOffset.UTC).orElseThrow();
        assertThat(firstDay.opportunity().stage()).isEqualTo("appointmentscheduled");
        assertThat(firstDay.opportunity().amount()).isEqualByComparingTo(new BigDecimal("4000"));
        assertThat(firstDay.opportunity().field("budget_confirmed")).isEqualTo(true); // changed exactly at the start: counts
        assertThat(firstDay.opportunity().relatedCounts()).containsEntry("contacts", 1);
        assertThat(PointInTime.asOf(pasts.get("1"), Instant.parse("2026-06-30T00:00:00Z"), ZoneOffset.UTC).orElseThrow().opportunity()
                .field("budget_confirmed")).as("empty before its first value").isNull();
        assertThat(PointInTime.asOf(pasts.get("1"), Instant.parse("2026-07-11T00:00:00Z"), ZoneOffset.UTC).orElseThrow().opportunity()
                .relatedCounts()).containsEntry("contacts", 3);
        assertThat(PointInTime.asOf(pasts.get("4"), SINCE, ZoneOffset.UTC).orElseThrow().unknownRelations())
                .as("a contact count that fell cannot date today's contacts").containsExactly("contacts");
        assertThat(pasts.get("5").deletedAt()).isEqualTo(Instant.parse("2026-08-01T00:00:00Z"));
        assertThat(pasts.get("5").existedAt(SINCE)).isTrue();
        assertThat(pasts.get("1").createdAt()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(LocalDate.ofInstant(pasts.get("3").createdAt(), ZoneOffset.UTC)).isEqualTo(LocalDate.parse("2026-05-01"));
    }

    private static ObjectNode listed(long id, boolean closed, String modified) {
        ObjectNode deal = JSON.createObjectNode().put("id", Long.toString(id));
        deal.putObject("properties").put("hs_object_id", Long.toString(id)).put("hs_lastmodifieddate", modified).put("hs_is_closed",
                Boolean.toString(closed));
        return deal.put("archived", false);
    }

    private static ObjectNode archived(long id, String archivedAt) {
        ObjectNode deal = JSON.createObjectNode().put("id", Long.toString(id));
        deal.putObject("properties").put("hs_object_id", Long.toString(id)).put("hs_lastmodifieddate", archivedAt);
        return deal.put("archived", true).put("archivedAt", archivedAt);
    }

    private static String page(List<ObjectNode> deals, String after) {
        ObjectNode page = JSON.createObjectNode();
        page.putArray("results").addAll(deals);
        if (after != null) {
            page.putObject("paging").putObject("next").put("after", after);
        }
        return page.toString();
    }

    private static ObjectNode deal(long id, String stage, String amount) {
        ObjectNode deal = JSON.createObjectNode().put("id", Long.toString(id)).put("archived", false);
        deal.putObject("properties").put("hs_object_id", Long.toString(id)).put("hs_lastmodifieddate", "2026-11-01T00:00:00Z")
                .put("createdate", "2026-05-01T00:00:00Z").put("dealstage", stage).put("pipeline", "default").put("amount", amount)
                .put("closedate", "2026-09-30T00:00:00Z").put("deal_currency_code", "USD").put("hubspot_owner_id", "70000001");
        return deal;
    }

    /** Entries newest first, as HubSpot sends them: value, timestamp, value, timestamp, … */
    private static void entries(ArrayNode into, String... valuesAndStamps) {
        for (int i = 0; i < valuesAndStamps.length; i += 2) {
            into.addObject().put("value", valuesAndStamps[i]).put("timestamp", valuesAndStamps[i + 1]).put("sourceType", "CRM_UI");
        }
    }
}

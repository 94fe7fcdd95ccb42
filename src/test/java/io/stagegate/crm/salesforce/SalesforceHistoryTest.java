package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.salesforce.SalesforceStubs.DATA;
import static io.stagegate.crm.salesforce.SalesforceStubs.LIMITS;
import static io.stagegate.crm.salesforce.SalesforceStubs.QUERY_ALL;
import static io.stagegate.crm.salesforce.SalesforceStubs.id;
import static io.stagegate.crm.salesforce.SalesforceStubs.opportunity;
import static io.stagegate.crm.salesforce.SalesforceStubs.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.backtest.OpportunityPast;
import io.stagegate.backtest.PastOpportunity;
import io.stagegate.backtest.PointInTime;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The history a backtest reads from Salesforce: the exact requests, what they cost, and the records they become. */
@QuarkusTest
@TestProfile(SalesforceTestProfile.class)
class SalesforceHistoryTest extends SalesforceWireMockTest {
    static final Instant SINCE = Instant.parse("2026-07-01T00:00:00Z");
    static final String FIELD_HISTORY_DESCRIBE = DATA + "/sobjects/OpportunityFieldHistory/describe";
    static final String OPPORTUNITIES = "SELECT Id, IsDeleted, SystemModstamp, StageName, Amount, CloseDate, OwnerId, RecordTypeId, CurrencyIsoCode, "
            + "LastStageChangeDate, Budget_Confirmed__c, Contract_Received_Date__c, Demo_Date__c, Deployment_Plan_Approved__c, "
            + "Discovery_Meeting_Date__c, Expected_Signing_Date__c, Next_Step_Date__c, Solution_Co_Created__c, Solution_Fit_Confirmed__c, "
            + "Stakeholders_Confirmed__c, Technical_Meeting_Date__c, Verbal_Commitment__c, "
            + "Qualified_Stage__c, Qualified_Probability__c, Qualified_Forecast__c, Qualified_Forecast_Category__c, Over_Staged__c, "
            + "Missing_Exit_Criteria__c, Stage_Skip__c, Skipped_Criteria_Detail__c, Next_Debrief_Question__c, CreatedDate, "
            + "(SELECT CreatedDate FROM OpportunityContactRoles WHERE IsDeleted = false) FROM Opportunity "
            + "WHERE IsClosed = false OR SystemModstamp >= 2026-07-01T00:00:00Z ORDER BY Id";
    static final String STAGE_HISTORY = "SELECT OpportunityId, StageName, Amount, CloseDate, PrevAmount, PrevCloseDate, CreatedDate "
            + "FROM OpportunityHistory ORDER BY OpportunityId, CreatedDate, Id";
    static final String FIELD_HISTORY = "SELECT OpportunityId, Field, OldValue, NewValue, CreatedDate FROM OpportunityFieldHistory "
            + "WHERE CreatedDate >= 2026-07-01T00:00:00Z AND Field IN ('Discovery_Meeting_Date__c', 'Next_Step_Date__c', 'Stakeholders_Confirmed__c') "
            + "ORDER BY OpportunityId, CreatedDate, Id";

    @Test
    void readsEverythingInFourQueriesOfTwoThousandRowsAndNamesTheUntrackedFields() {
        org();
        ObjectNode live = opportunity(1, "2026-11-19T08:00:00.000+0000").put("CreatedDate", "2026-06-20T09:00:00.000+0000")
                .put("Discovery_Meeting_Date__c", "2026-10-01");
        live.putObject("OpportunityContactRoles").put("totalSize", 2).put("done", true).putArray("records")
                .add(SalesforceStubs.JSON.createObjectNode().put("CreatedDate", "2026-06-21T10:00:00.000+0000"))
                .add(SalesforceStubs.JSON.createObjectNode().put("CreatedDate", "2026-10-15T10:00:00.000+0000"));
        ObjectNode deleted = opportunity(2, "2026-10-20T12:00:00.000+0000").put("CreatedDate", "2026-08-01T09:00:00.000+0000").put("IsDeleted", true);
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", matching("SELECT Id, .*"))
                .willReturn(okJson(page(List.of(live), DATA + "/query/01gOPP-2000"))));
        wireMock.stubFor(get(DATA + "/query/01gOPP-2000").willReturn(okJson(page(List.of(deleted), null))));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", matching("SELECT OpportunityId, StageName.*")).willReturn(okJson(rows(
                "{\"OpportunityId\":\"" + id(1) + "\",\"StageName\":\"Prospecting\",\"Amount\":150000.0,\"CloseDate\":\"2026-09-30\",\"PrevAmount\":null,"
                        + "\"PrevCloseDate\":null,\"CreatedDate\":\"2026-06-20T09:00:00.000+0000\"}",
                "{\"OpportunityId\":\"" + id(1) + "\",\"StageName\":\"Qualification\",\"Amount\":150000.0,\"CloseDate\":\"2026-09-30\","
                        + "\"CreatedDate\":\"2026-08-02T09:00:00.000+0000\"}",
                "{\"OpportunityId\":\"" + id(1) + "\",\"StageName\":\"Needs Analysis\",\"Amount\":125000.0,\"CloseDate\":\"2026-12-31\","
                        + "\"PrevAmount\":150000.0,\"PrevCloseDate\":\"2026-09-30\",\"CreatedDate\":\"2026-11-02T09:30:00.000+0000\"}",
                "{\"OpportunityId\":\"" + id(9) + "\",\"StageName\":\"Closed Won\",\"Amount\":5.0,\"CloseDate\":\"2025-01-31\","
                        + "\"CreatedDate\":\"2025-01-02T09:30:00.000+0000\"}"))));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", matching("SELECT OpportunityId, Field.*")).willReturn(okJson(rows(
                "{\"OpportunityId\":\"" + id(1) + "\",\"Field\":\"Discovery_Meeting_Date__c\",\"OldValue\":null,\"NewValue\":\"2026-10-01\","
                        + "\"CreatedDate\":\"2026-10-02T08:00:00.000+0000\"}",
                "{\"OpportunityId\":\"" + id(1) + "\",\"Field\":\"Stakeholders_Confirmed__c\",\"OldValue\":false,\"NewValue\":true,"
                        + "\"CreatedDate\":\"2026-10-02T08:00:00.000+0000\"}"))));

        CrmHistory history = gateway.history(PLAYBOOK, SINCE);

        assertThat(stubs.soql(QUERY_ALL)).containsExactly(OPPORTUNITIES, STAGE_HISTORY, FIELD_HISTORY);
        assertThat(stubs.requests(QUERY_ALL)).allSatisfy(request -> assertThat(request.getHeader("Sforce-Query-Options")).isEqualTo("batchSize=2000"));
        assertThat(stubs.requests(DATA + "/query/01gOPP-2000")).hasSize(1);
        assertThat(stubs.requests(FIELD_HISTORY_DESCRIBE)).hasSize(1);
        assertThat(history.calls()).isEqualTo(5);
        assertThat(stubs.total()).as("token, Opportunity describe, and the five calls of the read").isEqualTo(7);
        assertThat(history.untrackedFields()).containsExactlyInAnyOrder("Budget_Confirmed__c", "Contract_Received_Date__c", "Demo_Date__c",
                "Deployment_Plan_Approved__c", "Expected_Signing_Date__c", "Solution_Co_Created__c", "Solution_Fit_Confirmed__c",
                "Technical_Meeting_Date__c", "Verbal_Commitment__c");
        assertThat(history.historyFrom()).isAfter(Instant.now().minusSeconds(2 * 366 * 86400L)).isBefore(Instant.now().minusSeconds(2 * 364 * 86400L));

        Map<String, OpportunityPast> byId = history.opportunities().stream().collect(Collectors.toMap(past -> past.current().id(), Function.identity()));
        assertThat(byId).containsOnlyKeys(id(1), id(2));
        assertThat(byId.get(id(2)).deletedAt()).isEqualTo(Instant.parse("2026-10-20T12:00:00Z"));
        assertThat(byId.get(id(1)).current().fields()).doesNotContainKey("Qualified_Stage__c");

        PastOpportunity quarterStart = PointInTime.asOf(byId.get(id(1)), Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC).orElseThrow();
        assertThat(quarterStart.opportunity().stage()).isEqualTo("Qualification");
        assertThat(quarterStart.opportunity().amount()).isEqualByComparingTo(new BigDecimal("150000"));
        assertThat(quarterStart.opportunity().closeDate()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(quarterStart.opportunity().fields()).doesNotContainKey("Discovery_Meeting_Date__c").containsEntry("Stakeholders_Confirmed__c", false);
        assertThat(quarterStart.opportunity().relatedCount("OpportunityContactRoles")).isEqualTo(1);
        assertThat(quarterStart.unknownFields()).contains("Solution_Fit_Confirmed__c").doesNotContain("Discovery_Meeting_Date__c");
        PastOpportunity later = PointInTime.asOf(byId.get(id(1)), Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC).orElseThrow();
        assertThat(later.opportunity().field("Discovery_Meeting_Date__c")).isEqualTo(LocalDate.parse("2026-10-01"));
        assertThat(PointInTime.asOf(byId.get(id(2)), Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void noTrackedCriteriaFieldMeansNoFieldHistoryQuery() {
        stubs.token("tok-1");
        stubs.describe();
        wireMock.stubFor(get(FIELD_HISTORY_DESCRIBE).willReturn(okJson(fieldHistoryDescribe("created", "StageName", "Amount", "CloseDate"))));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(page(List.of(), null))));

        CrmHistory history = gateway.history(PLAYBOOK, SINCE);

        assertThat(stubs.soql(QUERY_ALL)).containsExactly(OPPORTUNITIES, STAGE_HISTORY);
        assertThat(history.untrackedFields()).hasSize(12);
        assertThat(history.opportunities()).isEmpty();
    }

    @Test
    void theReadStopsAtTheQuotaStopBetweenPages() {
        org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(page(List.of(opportunity(1, "2026-11-19T08:00:00.000+0000")
                .put("CreatedDate", "2026-06-20T09:00:00.000+0000")), DATA + "/query/01gOPP-2000"))
                .withHeader("Sforce-Limit-Info", "api-usage=850/1000")));
        wireMock.stubFor(get(LIMITS).willReturn(okJson("{\"DailyApiRequests\":{\"Max\":1000,\"Remaining\":120}}")));

        assertThatThrownBy(() -> gateway.history(PLAYBOOK, SINCE)).isInstanceOf(CrmException.QuotaExhausted.class)
                .hasMessageContaining("stop share 80%");
        assertThat(stubs.requests(DATA + "/query/01gOPP-2000")).as("no page past the stop").isEmpty();
        assertThat(stubs.requests(QUERY_ALL)).hasSize(1);
    }

    private void org() {
        stubs.token("tok-1");
        stubs.describe();
        wireMock.stubFor(get(FIELD_HISTORY_DESCRIBE).willReturn(okJson(fieldHistoryDescribe("created", "StageName", "Amount", "CloseDate",
                "Discovery_Meeting_Date__c", "Next_Step_Date__c", "Stakeholders_Confirmed__c"))));
    }

    private static String fieldHistoryDescribe(String... tracked) {
        ObjectNode describe = SalesforceStubs.JSON.createObjectNode().put("name", "OpportunityFieldHistory");
        var fields = describe.putArray("fields");
        fields.addObject().put("name", "OpportunityId").put("type", "reference");
        var values = fields.addObject().put("name", "Field").put("type", "picklist").putArray("picklistValues");
        for (String value : tracked) {
            values.addObject().put("value", value).put("label", value).put("active", true);
        }
        return describe.toString();
    }

    private static String rows(String... records) {
        return "{\"totalSize\":" + records.length + ",\"done\":true,\"records\":[" + String.join(",", records) + "]}";
    }
}

package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.salesforce.SalesforceStubs.QUERY;
import static io.stagegate.crm.salesforce.SalesforceStubs.QUERY_ALL;
import static io.stagegate.crm.salesforce.SalesforceStubs.error;
import static io.stagegate.crm.salesforce.SalesforceStubs.id;
import static io.stagegate.crm.salesforce.SalesforceStubs.opportunities;
import static io.stagegate.crm.salesforce.SalesforceStubs.opportunity;
import static io.stagegate.crm.salesforce.SalesforceStubs.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.StageChange;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.PollWindow;
import io.stagegate.crm.SyncCursor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SalesforceTestProfile.class)
class SalesforcePollingTest extends SalesforceWireMockTest {
    static final String SELECT = "SELECT Id, IsDeleted, SystemModstamp, StageName, Amount, CloseDate, OwnerId, RecordTypeId, CurrencyIsoCode, "
            + "LastStageChangeDate, Budget_Confirmed__c, Contract_Received_Date__c, Demo_Date__c, Deployment_Plan_Approved__c, "
            + "Discovery_Meeting_Date__c, Expected_Signing_Date__c, Next_Step_Date__c, Solution_Co_Created__c, Solution_Fit_Confirmed__c, "
            + "Stakeholders_Confirmed__c, Technical_Meeting_Date__c, Verbal_Commitment__c, "
            + "Qualified_Stage__c, Qualified_Probability__c, Qualified_Forecast__c, Qualified_Forecast_Category__c, Over_Staged__c, "
            + "Missing_Exit_Criteria__c, Stage_Skip__c, Skipped_Criteria_Detail__c, Next_Debrief_Question__c, "
            + "(SELECT Id FROM OpportunityContactRoles WHERE IsDeleted = false), (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate, Id) FROM Opportunity";
    static final Instant UNTIL = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void backfillReadsTypedRecordsWithHistoryAndCountsAndAsksExactlyOnce() {
        stubs.org();
        ObjectNode live = opportunity(1, "2026-11-19T08:00:00.000+0000");
        live.putObject("OpportunityContactRoles").put("totalSize", 3).put("done", true).putArray("records");
        ObjectNode deleted = opportunity(2, "2026-11-19T09:00:00.000+0000").put("IsDeleted", true);
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(page(List.of(live, deleted), null))));
        stubs.history("{\"totalSize\":3,\"done\":true,\"records\":["
                + "{\"OpportunityId\":\"" + id(1) + "\",\"StageName\":\"Prospecting\",\"CreatedDate\":\"2026-10-01T10:00:00.000+0000\"},"
                + "{\"OpportunityId\":\"" + id(1) + "\",\"StageName\":\"Prospecting\",\"CreatedDate\":\"2026-10-05T10:00:00.000+0000\"},"
                + "{\"OpportunityId\":\"" + id(1) + "\",\"StageName\":\"Needs Analysis\",\"CreatedDate\":\"2026-11-02T09:30:00.000+0000\"}]}");

        ChangePage page = gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);

        assertThat(stubs.soql(QUERY_ALL)).containsExactly(
                SELECT + " WHERE SystemModstamp >= 1970-01-01T00:00:00Z AND SystemModstamp <= 2026-11-20T10:00:00Z ORDER BY SystemModstamp, Id");
        LoggedRequest poll = stubs.requests(QUERY_ALL).get(0);
        assertThat(poll.getHeader("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(poll.getHeader("Sforce-Query-Options")).isEqualTo("batchSize=2000");
        assertThat(stubs.soql(QUERY)).containsExactly("SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ('"
                + id(1) + "') ORDER BY OpportunityId, CreatedDate, Id");
        assertThat(stubs.requests(SalesforceStubs.TOKEN)).singleElement().satisfies(token -> assertThat(token.getBodyAsString())
                .isEqualTo("grant_type=client_credentials&client_id=test-consumer-key&client_secret=test-consumer-secret"));
        assertThat(stubs.requests(SalesforceStubs.DESCRIBE)).hasSize(1);
        assertThat(stubs.total()).isEqualTo(4);

        assertThat(page.more()).isFalse();
        assertThat(page.next()).isEqualTo(new SyncCursor(Instant.parse("2026-11-19T09:00:00Z"), id(2)));
        CrmOpportunity first = page.records().get(0);
        assertThat(first.id()).isEqualTo(id(1));
        assertThat(first.stage()).isEqualTo("Needs Analysis");
        assertThat(first.amount()).isEqualByComparingTo(new BigDecimal("125000"));
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.closeDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(first.pipeline()).isEqualTo("0125g0000000EntAAA");
        assertThat(first.stageEnteredOn()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(first.modifiedAt()).isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
        assertThat(first.deleted()).isFalse();
        assertThat(first.fields()).containsEntry("Discovery_Meeting_Date__c", LocalDate.of(2026, 10, 1))
                .containsEntry("Stakeholders_Confirmed__c", Boolean.TRUE)
                .containsEntry("Demo_Date__c", null)
                .containsEntry("Qualified_Stage__c", null);
        assertThat((BigDecimal) first.fields().get("Qualified_Probability__c")).isEqualByComparingTo("20");
        assertThat(first.related()).containsEntry("OpportunityContactRoles", 3);
        assertThat(first.history()).containsExactly(new StageChange("Prospecting", Instant.parse("2026-10-01T10:00:00Z")),
                new StageChange("Needs Analysis", Instant.parse("2026-11-02T09:30:00Z")));
        CrmOpportunity gone = page.records().get(1);
        assertThat(gone.deleted()).isTrue();
        assertThat(gone.related()).containsEntry("OpportunityContactRoles", 0);
        assertThat(gone.history()).isEmpty();
    }

    @Test
    void historyInlineInThePageCostsNoFurtherCall() {
        stubs.org();
        ObjectNode moved = opportunity(1, "2026-11-19T08:00:00.000+0000");
        com.fasterxml.jackson.databind.node.ArrayNode rows = moved.putObject("OpportunityHistories").put("totalSize", 3).put("done", true)
                .putArray("records");
        rows.addObject().put("StageName", "Prospecting").put("CreatedDate", "2026-10-01T10:00:00.000+0000");
        rows.addObject().put("StageName", "Prospecting").put("CreatedDate", "2026-10-05T10:00:00.000+0000");
        rows.addObject().put("StageName", "Needs Analysis").put("CreatedDate", "2026-11-02T09:30:00.000+0000");
        ObjectNode created = opportunity(2, "2026-11-19T09:00:00.000+0000");
        created.putNull("OpportunityHistories");
        ObjectNode busy = opportunity(3, "2026-11-19T09:30:00.000+0000");
        busy.putObject("OpportunityHistories").put("totalSize", 250).put("done", false).put("nextRecordsUrl", "/services/data/v62.0/query/01gX-200")
                .putArray("records");
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(page(List.of(moved, created, busy), null))));
        stubs.history("{\"totalSize\":1,\"done\":true,\"records\":["
                + "{\"OpportunityId\":\"" + id(3) + "\",\"StageName\":\"Qualification\",\"CreatedDate\":\"2026-10-01T10:00:00.000+0000\"}]}");

        ChangePage page = gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);

        assertThat(page.records().get(0).history()).containsExactly(new StageChange("Prospecting", Instant.parse("2026-10-01T10:00:00Z")),
                new StageChange("Needs Analysis", Instant.parse("2026-11-02T09:30:00Z")));
        assertThat(page.records().get(1).history()).isEmpty();
        assertThat(stubs.soql(QUERY)).as("only the record whose inline history did not fit is read separately")
                .containsExactly("SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ('" + id(3)
                        + "') ORDER BY OpportunityId, CreatedDate, Id");
        assertThat(page.records().get(2).history()).containsExactly(new StageChange("Qualification", Instant.parse("2026-10-01T10:00:00Z")));
    }

    @Test
    void theOverlapReachesNoFurtherBackThanWhatACompleteReadSettled() {
        SyncCursor saved = new SyncCursor(Instant.parse("2026-11-20T09:00:00Z"), id(2));
        Instant now = Instant.parse("2026-11-20T10:01:00Z");

        PollWindow first = gateway.pollWindow(saved, now, null);
        assertThat(first.from()).as("nothing settled yet: the whole overlap").isEqualTo(new SyncCursor(Instant.parse("2026-11-20T08:55:00Z"), ""));
        assertThat(first.until()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(first.settled()).as("read to its end, it settles everything stamped an overlap before it began")
                .isEqualTo(Instant.parse("2026-11-20T09:56:00Z"));

        PollWindow idle = gateway.pollWindow(saved, now.plusSeconds(15), first.settled());
        assertThat(idle.from()).as("an idle org's window starts past its last change").isEqualTo(new SyncCursor(Instant.parse("2026-11-20T09:56:00Z"), ""));
        assertThat(gateway.pollWindow(new SyncCursor(Instant.parse("2026-11-20T10:03:00Z"), id(2)), now.plusSeconds(300), first.settled()).from())
                .as("a change since keeps its whole overlap").isEqualTo(new SyncCursor(Instant.parse("2026-11-20T09:58:00Z"), ""));
        assertThat(gateway.pollWindow(SyncCursor.START, now, first.settled()).from()).as("a backfill starts at the start").isEqualTo(SyncCursor.START);
    }

    @Test
    void followUpPollUsesTheKeysetAndTheOverlapWindow() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(page(List.of(), null))));
        SyncCursor saved = new SyncCursor(Instant.parse("2026-11-19T09:00:00Z"), id(2));

        ChangePage keyset = gateway.changedSince(PLAYBOOK, saved, UNTIL);
        PollWindow window = gateway.pollWindow(saved, Instant.parse("2026-11-20T10:01:00Z"), null);
        gateway.changedSince(PLAYBOOK, window.from(), window.until());

        assertThat(stubs.soql(QUERY_ALL)).containsExactly(
                SELECT + " WHERE ((SystemModstamp = 2026-11-19T09:00:00Z AND Id > '" + id(2) + "') OR SystemModstamp > 2026-11-19T09:00:00Z)"
                        + " AND SystemModstamp <= 2026-11-20T10:00:00Z ORDER BY SystemModstamp, Id",
                SELECT + " WHERE SystemModstamp >= 2026-11-19T08:55:00Z AND SystemModstamp <= 2026-11-20T10:00:00Z ORDER BY SystemModstamp, Id");
        assertThat(keyset.records()).isEmpty();
        assertThat(keyset.next()).isEqualTo(saved);
        assertThat(keyset.more()).isFalse();
        assertThat(stubs.soql(QUERY)).isEmpty();
    }

    @Test
    void pagesFollowNextRecordsUrlAndCountTheMinimumOfCalls() {
        stubs.org();
        String stamp = "2026-11-19T08:00:00.000+0000";
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL))
                .willReturn(okJson(page(opportunities(1, 2000, stamp), SalesforceStubs.DATA + "/query/01gD0000002HU6KIAW-2000"))));
        wireMock.stubFor(get(SalesforceStubs.DATA + "/query/01gD0000002HU6KIAW-2000")
                .willReturn(okJson(page(opportunities(2001, 2000, stamp), SalesforceStubs.DATA + "/query/01gD0000002HU6KIAW-4000"))));
        wireMock.stubFor(get(SalesforceStubs.DATA + "/query/01gD0000002HU6KIAW-4000")
                .willReturn(okJson(page(opportunities(4001, 500, stamp), null))));

        List<CrmOpportunity> read = new ArrayList<>();
        SyncCursor cursor = SyncCursor.START;
        ChangePage page;
        do {
            page = gateway.changedSince(PLAYBOOK, cursor, UNTIL);
            read.addAll(page.records());
            cursor = page.next();
        } while (page.more());

        assertThat(read).hasSize(4500);
        assertThat(read.stream().map(CrmOpportunity::id).distinct()).hasSize(4500);
        assertThat(cursor).isEqualTo(new SyncCursor(Instant.parse("2026-11-19T08:00:00Z"), id(4500)));
        int history = stubs.soql(QUERY).size();
        System.out.printf("Poll of 4500 records: %d calls = 1 token + 1 describe + 1 queryAll + %d queryMore + %d history%n",
                stubs.total(), stubs.requests(SalesforceStubs.DATA + "/query/*").size(), history);
        assertThat(stubs.requests(QUERY_ALL)).hasSize(1);
        assertThat(stubs.requests(SalesforceStubs.DATA + "/query/01gD0000002HU6KIAW-2000")).hasSize(1);
        assertThat(stubs.requests(SalesforceStubs.DATA + "/query/01gD0000002HU6KIAW-4000")).hasSize(1);
        assertThat(history).isEqualTo(9);
        assertThat(stubs.total()).isEqualTo(14);
        stubs.requests(QUERY).forEach(request -> assertThat(request.getUrl().length()).isLessThan(16_384 - 1_000));
    }

    @Test
    void anExpiredQueryLocatorRestartsFromTheKeysetCursor() {
        stubs.org();
        String stamp = "2026-11-19T08:00:00.000+0000";
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("locator").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(page(opportunities(1, 2, stamp), SalesforceStubs.DATA + "/query/01gEXPIRED-2")))
                .willSetStateTo("restarted"));
        wireMock.stubFor(get(SalesforceStubs.DATA + "/query/01gEXPIRED-2")
                .willReturn(error(400, "INVALID_QUERY_LOCATOR", "invalid query locator")));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("locator").whenScenarioStateIs("restarted")
                .willReturn(okJson(page(opportunities(3, 1, stamp), null))));

        ChangePage first = gateway.changedSince(PLAYBOOK, SyncCursor.START, UNTIL);
        ChangePage second = gateway.changedSince(PLAYBOOK, first.next(), UNTIL);

        assertThat(first.more()).isTrue();
        assertThat(stubs.requests(SalesforceStubs.DATA + "/query/01gEXPIRED-2")).hasSize(1);
        assertThat(stubs.soql(QUERY_ALL)).hasSize(2).last().isEqualTo(
                SELECT + " WHERE ((SystemModstamp = 2026-11-19T08:00:00Z AND Id > '" + id(2) + "') OR SystemModstamp > 2026-11-19T08:00:00Z)"
                        + " AND SystemModstamp <= 2026-11-20T10:00:00Z ORDER BY SystemModstamp, Id");
        assertThat(second.records()).extracting(CrmOpportunity::id).containsExactly(id(3));
        assertThat(second.more()).isFalse();
    }

    @Test
    void aQueryTimeoutHalvesTheWindowAndTheNextPageGoesOn() {
        stubs.org();
        SyncCursor cursor = new SyncCursor(Instant.parse("2026-11-20T00:00:00Z"), id(1));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("timeout").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(400, "QUERY_TIMEOUT", "Your query request was running for too long.")).willSetStateTo("halved"));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("timeout").whenScenarioStateIs("halved")
                .willReturn(okJson(page(List.of(opportunity(7, "2026-11-20T04:00:00.000+0000")), null))).willSetStateTo("rest"));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("timeout").whenScenarioStateIs("rest")
                .willReturn(okJson(page(List.of(), null))));

        ChangePage halved = gateway.changedSince(PLAYBOOK, cursor, UNTIL);
        ChangePage rest = gateway.changedSince(PLAYBOOK, halved.next(), UNTIL);

        List<String> soql = stubs.soql(QUERY_ALL);
        assertThat(soql).hasSize(3);
        assertThat(soql.get(0)).contains("AND SystemModstamp <= 2026-11-20T10:00:00Z ORDER BY");
        assertThat(soql.get(1)).contains("AND SystemModstamp <= 2026-11-20T05:00:00Z ORDER BY");
        assertThat(soql.get(2)).contains("> 2026-11-20T04:00:00Z) AND SystemModstamp <= 2026-11-20T09:00:00Z ORDER BY");
        assertThat(halved.records()).extracting(CrmOpportunity::id).containsExactly(id(7));
        assertThat(halved.more()).isTrue();
        assertThat(rest.more()).isTrue();
        assertThat(rest.next()).isEqualTo(new SyncCursor(Instant.parse("2026-11-20T09:00:01Z"), ""));
    }

    @Test
    void readByIdsChunksTheInClauseAndKeepsTheOrderAsked() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(page(List.of(opportunity(2, "2026-11-19T08:00:00.000+0000"),
                opportunity(1, "2026-11-19T08:00:00.000+0000")), null))));

        List<CrmOpportunity> read = gateway.read(PLAYBOOK, List.of(id(1), "'; DELETE", id(2), id(1)));

        assertThat(read).extracting(CrmOpportunity::id).containsExactly(id(1), id(2));
        assertThat(stubs.soql(QUERY_ALL)).containsExactly(SELECT + " WHERE Id IN ('" + id(1) + "','" + id(2) + "')");
        assertThat(stubs.soql(QUERY)).hasSize(1);
    }
}

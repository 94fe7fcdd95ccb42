package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.salesforce.SalesforceStubs.LIMITS;
import static io.stagegate.crm.salesforce.SalesforceStubs.QUERY_ALL;
import static io.stagegate.crm.salesforce.SalesforceStubs.error;
import static io.stagegate.crm.salesforce.SalesforceStubs.id;
import static io.stagegate.crm.salesforce.SalesforceStubs.opportunity;
import static io.stagegate.crm.salesforce.SalesforceStubs.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.SyncCursor;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SalesforceTestProfile.class)
class SalesforceFaultsTest extends SalesforceWireMockTest {
    private static final String ONE = page(List.of(opportunity(1, "2026-11-19T08:00:00.000+0000")), null);

    static Stream<ResponseDefinitionBuilder> transientFailures() {
        return Stream.of(
                error(503, "SERVER_UNAVAILABLE", "Server unavailable"),
                aResponse().withStatus(500).withBody("<html>Internal error</html>"),
                aResponse().withStatus(429),
                aResponse().withStatus(420),
                error(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: 006000000000001AAA"),
                error(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."));
    }

    @ParameterizedTest
    @MethodSource("transientFailures")
    void transientFailuresAreRetriedWithBackoff(ResponseDefinitionBuilder failure) {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure).willSetStateTo("recovered"));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("flaky").whenScenarioStateIs("recovered").willReturn(okJson(ONE)));

        List<CrmOpportunity> read = gateway.read(PLAYBOOK, List.of(id(1)));

        assertThat(read).extracting(CrmOpportunity::id).containsExactly(id(1));
        assertThat(stubs.requests(QUERY_ALL)).hasSize(2);
    }

    @Test
    void aPersistentOutageGivesUpAfterFiveTriesAsRetryable() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(error(503, "SERVER_UNAVAILABLE", "down for maintenance")));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.Retryable.class)
                .hasMessageContaining("HTTP 503 SERVER_UNAVAILABLE: down for maintenance");
        assertThat(stubs.requests(QUERY_ALL)).hasSize(5);
    }

    /** The breaker's figures come from configuration (the annotation's defaults would wait for 20 calls). */
    @Test
    void tenFailedCallsOpenTheBreakerAndTheNextOneFailsFastAsRetryable() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(error(503, "SERVER_UNAVAILABLE", "down for maintenance")));
        for (int call = 0; call < 10; call++) {
            assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1)))).isInstanceOf(CrmException.Retryable.class);
        }
        assertThat(stubs.requests(QUERY_ALL)).hasSize(50);

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.Retryable.class)
                .hasMessageContaining("the circuit breaker is open");
        assertThat(stubs.requests(QUERY_ALL)).hasSize(50);
    }

    @Test
    void theDailyLimitParksWithoutRetrying() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.QuotaExhausted.class)
                .hasMessageContaining("daily API request limit")
                .satisfies(e -> assertThat(((CrmException.QuotaExhausted) e).resumeAt()).isAfter(Instant.now().minusSeconds(1)));
        assertThat(stubs.requests(QUERY_ALL)).hasSize(1);
        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1)))).isInstanceOf(CrmException.QuotaExhausted.class);
        assertThat(stubs.total()).as("no call while parked").isEqualTo(3);
        assertThat(gateway.quotaUsed()).isEqualTo(1.0);
    }

    @Test
    void limitInfoIsReadFromEveryResponseAndCallsStopAtTheShareUntilUsageRecovers() throws Exception {
        stubs.org();
        wireMock.stubFor(get(SalesforceStubs.DESCRIBE).willReturn(okJson(SalesforceStubs.resource("salesforce/describe-opportunity.json"))
                .withHeader("Sforce-Limit-Info", "api-usage=500/1000")));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("usage").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(page(List.of(), null))
                .withHeader("Sforce-Limit-Info", "api-usage=800/1000; per-app-api-usage=17/250(appName=stagegate)")).willSetStateTo("lower"));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).inScenario("usage").whenScenarioStateIs("lower").willReturn(okJson(ONE)
                .withHeader("Sforce-Limit-Info", "api-usage=301/1000")));
        wireMock.stubFor(get(LIMITS).inScenario("limits").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"DailyApiRequests\":{\"Max\":1000,\"Remaining\":150}}")).willSetStateTo("recovered"));
        wireMock.stubFor(get(LIMITS).inScenario("limits").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"DailyApiRequests\":{\"Max\":1000,\"Remaining\":700}}")));

        gateway.changedSince(PLAYBOOK, SyncCursor.START, Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(gateway.quotaUsed()).isEqualTo(0.8);

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.QuotaExhausted.class)
                .hasMessageContaining("850 of 1000 daily API requests used (stop share 80%)");
        assertThat(gateway.quotaUsed()).isEqualTo(0.85);
        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1)))).isInstanceOf(CrmException.QuotaExhausted.class);
        assertThat(stubs.requests(LIMITS)).as("usage is re-checked at most once per interval").hasSize(1);
        assertThat(stubs.requests(QUERY_ALL)).hasSize(1);

        Thread.sleep(350);
        assertThat(gateway.read(PLAYBOOK, List.of(id(1)))).hasSize(1);
        assertThat(stubs.requests(LIMITS)).hasSize(2);
        assertThat(stubs.requests(QUERY_ALL)).hasSize(2);
        assertThat(gateway.quotaUsed()).isEqualTo(0.301);
    }

    @Test
    void aStalledSalesforceTimesOutAsRetryable() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(okJson(ONE).withFixedDelay(7_000)));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.Retryable.class)
                .hasMessageContaining("longer than its timeout");
    }

    @Test
    void aFieldTheOrgDoesNotHaveIsFatalBeforeAnyQuery() {
        stubs.token("tok-1");
        String describe = SalesforceStubs.resource("salesforce/describe-opportunity.json").replace("\"Demo_Date__c\"", "\"Demo_Day__c\"");
        wireMock.stubFor(get(SalesforceStubs.DESCRIBE).willReturn(okJson(describe)));

        assertThatThrownBy(() -> gateway.changedSince(PLAYBOOK, SyncCursor.START, Instant.parse("2026-11-20T10:00:00Z")))
                .isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("Opportunity has no Demo_Date__c for the integration user");
        assertThat(stubs.requests(QUERY_ALL)).isEmpty();
    }
}

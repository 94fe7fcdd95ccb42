package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.salesforce.SalesforceStubs.QUERY_ALL;
import static io.stagegate.crm.salesforce.SalesforceStubs.TOKEN;
import static io.stagegate.crm.salesforce.SalesforceStubs.error;
import static io.stagegate.crm.salesforce.SalesforceStubs.id;
import static io.stagegate.crm.salesforce.SalesforceStubs.opportunity;
import static io.stagegate.crm.salesforce.SalesforceStubs.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmOpportunity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SalesforceTestProfile.class)
class SalesforceAuthTest extends SalesforceWireMockTest {

    private void tokensThenExpiry(int delayOf401Ms) {
        stubs.describe();
        stubs.history("{\"totalSize\":0,\"done\":true,\"records\":[]}");
        wireMock.stubFor(post(TOKEN).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(stubs.tokenResponse("tok-1")).willSetStateTo("refreshed"));
        wireMock.stubFor(post(TOKEN).inScenario("tokens").whenScenarioStateIs("refreshed").willReturn(stubs.tokenResponse("tok-2")));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(error(401, "INVALID_SESSION_ID", "Session expired or invalid").withFixedDelay(delayOf401Ms)));
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(okJson(page(List.of(opportunity(1, "2026-11-19T08:00:00.000+0000")), null))));
    }

    private List<String> bearers() {
        return stubs.requests(QUERY_ALL).stream().map(request -> request.getHeader("Authorization")).toList();
    }

    @Test
    void anExpiredSessionIsRefreshedOnceAndTheRequestReplayed() {
        tokensThenExpiry(0);

        List<CrmOpportunity> read = gateway.read(PLAYBOOK, List.of(id(1)));

        assertThat(read).extracting(CrmOpportunity::id).containsExactly(id(1));
        assertThat(stubs.requests(TOKEN)).hasSize(2);
        assertThat(bearers()).containsExactly("Bearer tok-1", "Bearer tok-2");
        assertThat(stubs.requests(SalesforceStubs.QUERY)).extracting(request -> request.getHeader("Authorization")).containsExactly("Bearer tok-2");
    }

    @Test
    void twoConcurrent401sShareOneRefresh() throws Exception {
        tokensThenExpiry(400);
        gateway.read(PLAYBOOK, List.of());
        assertThat(stubs.requests(TOKEN)).hasSize(1);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<CrmOpportunity>>> reads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reads.add(threads.submit(() -> {
                    start.await();
                    return gateway.read(PLAYBOOK, List.of(id(1)));
                }));
            }
            for (Future<List<CrmOpportunity>> read : reads) {
                assertThat(read.get()).extracting(CrmOpportunity::id).containsExactly(id(1));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(stubs.requests(TOKEN)).as("the first login and ONE shared refresh").hasSize(2);
        assertThat(bearers()).containsExactlyInAnyOrder("Bearer tok-1", "Bearer tok-1", "Bearer tok-2", "Bearer tok-2");
    }

    @Test
    void aSessionRejectedAgainAfterTheRefreshIsFatal() {
        stubs.org();
        wireMock.stubFor(get(urlPathEqualTo(QUERY_ALL)).willReturn(error(401, "INVALID_SESSION_ID", "Session expired or invalid")));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("INVALID_SESSION_ID")
                .hasMessageContaining("integration user is active");
        assertThat(stubs.requests(TOKEN)).hasSize(2);
        assertThat(stubs.requests(QUERY_ALL)).hasSize(2);
    }

    @Test
    void anUnapprovedUserIsFatalAndTellsTheAdminWhatToFix() {
        wireMock.stubFor(post(TOKEN).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"user hasn't approved this consumer\"}")));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("user hasn't approved this consumer")
                .hasMessageContaining("the connected app's user is not pre-authorized")
                .hasMessageContaining("approve the integration user's profile or permission set")
                .extracting(e -> ((CrmException) e).crmCode()).isEqualTo("invalid_grant");
        assertThat(stubs.requests(TOKEN)).as("credentials errors are not retried").hasSize(1);
        assertThat(gateway.validateSetup(PLAYBOOK)).singleElement().asString()
                .startsWith("cannot check the Salesforce setup: Salesforce refused to log in (invalid_grant");
    }

    @Test
    void aWrongSecretIsFatalAndNamesTheVariables() {
        wireMock.stubFor(post(TOKEN).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of(id(1))))
                .isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("STAGEGATE_SALESFORCE_CLIENT_SECRET")
                .hasMessageNotContaining("test-consumer-secret");
        List<LoggedRequest> tokens = stubs.requests(TOKEN);
        assertThat(tokens).hasSize(1);
    }
}

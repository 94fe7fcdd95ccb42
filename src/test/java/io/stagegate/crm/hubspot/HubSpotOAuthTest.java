package io.stagegate.crm.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.stagegate.crm.hubspot.HubSpotStubs.BATCH_READ;
import static io.stagegate.crm.hubspot.HubSpotStubs.batch;
import static io.stagegate.crm.hubspot.HubSpotStubs.deal;
import static io.stagegate.crm.hubspot.HubSpotStubs.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import io.stagegate.testsupport.InjectWireMock;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth 2 for public apps: the token is refreshed ahead of its expiry, one refresh at a time, and a bad one says what to fix. */
@QuarkusTest
@TestProfile(HubSpotOAuthTestProfile.class)
class HubSpotOAuthTest {
    static final Playbook PLAYBOOK = EngineProducer.shipped("hubspot").playbook();
    static final String TOKEN = "/oauth/v1/token";

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
        wireMock.stubFor(post(urlPathEqualTo(BATCH_READ)).willReturn(okJson(batch(List.of(deal(5, "2026-11-19T08:00:00.000Z"))))));
    }

    private void tokenLives(int seconds, int delayMs) {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson("{\"token_type\":\"bearer\",\"refresh_token\":\"na1-refresh-token-2\","
                + "\"access_token\":\"access-1\",\"hub_id\":62515,\"expires_in\":" + seconds + "}").withFixedDelay(delayMs)));
    }

    @Test
    void theFirstCallRefreshesWithAFormBodyAndLaterCallsReuseTheToken() {
        tokenLives(1800, 0);

        gateway.read(PLAYBOOK, List.of("5"));
        gateway.read(PLAYBOOK, List.of("5"));

        assertThat(stubs.requests(TOKEN)).hasSize(1);
        String form = stubs.requests(TOKEN).get(0).getBodyAsString();
        assertThat(form).contains("grant_type=refresh_token", "client_id=client-id-1", "client_secret=client-secret-1",
                "refresh_token=" + HubSpotOAuthTestProfile.REFRESH_TOKEN);
        assertThat(stubs.requests(TOKEN).get(0).getUrl()).as("parameters in the body, never in the query").isEqualTo(TOKEN);
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(BATCH_READ)).withHeader("Authorization", equalTo("Bearer access-1")));
    }

    @Test
    void theTokenIsRefreshedAheadOfItsExpiryWithTheRefreshTokenLastHandedOut() throws InterruptedException {
        tokenLives(2, 0); // due for refresh after 1 s (refresh-ahead 1s)

        gateway.read(PLAYBOOK, List.of("5"));
        Thread.sleep(1_200);
        gateway.read(PLAYBOOK, List.of("5"));

        assertThat(stubs.requests(TOKEN)).hasSize(2);
        assertThat(stubs.requests(TOKEN).get(1).getBodyAsString()).contains("refresh_token=na1-refresh-token-2");
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        tokenLives(1800, 400);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> gateway.read(PLAYBOOK, List.of("5")).size());
            }
            for (Future<Integer> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(stubs.requests(TOKEN)).as("one refresh in flight").hasSize(1);
    }

    @Test
    void aRevokedRefreshTokenNamesTheVariableToFix() {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(error(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is "
                + "invalid, expired or revoked\",\"status\":\"BAD_REFRESH_TOKEN\",\"message\":\"refresh token is invalid, expired or revoked\"}")));

        assertThatThrownBy(() -> gateway.read(PLAYBOOK, List.of("5"))).isInstanceOf(CrmException.Fatal.class)
                .hasMessageContaining("STAGEGATE_HUBSPOT_REFRESH_TOKEN");
        assertThat(stubs.requests(TOKEN)).as("not retried").hasSize(1);
    }
}

package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.hubspot.HubSpotGateway;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.stagegate.sandbox.hubspot.HubSpotOAuth;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connector as a public app against the embedded portal's OAuth token endpoint: access tokens that live 6 seconds
 * are refreshed ahead of expiry (one refresh at a time), so no call is refused for an expired token.
 */
@QuarkusTest
@TestProfile(HubSpotOAuthSandboxTest.PublicApp.class)
class HubSpotOAuthSandboxTest {
    static final int SIZE = 300;
    static final int LIFETIME_SECONDS = 6;
    static final int AHEAD_SECONDS = 2;
    private static final String TOKEN = "POST /oauth/v1/token";

    public static class PublicApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("stagegate.playbook.crm", "hubspot"),
                    Map.entry("stagegate.sandbox.size", String.valueOf(SIZE)),
                    Map.entry("stagegate.sandbox.seed-on-start", "true"),
                    Map.entry("stagegate.sandbox.scenario.interval-seconds", "0"),
                    Map.entry("stagegate.sandbox.hubspot.access-token-seconds", String.valueOf(LIFETIME_SECONDS)),
                    Map.entry("stagegate.hubspot.auth-flow", "oauth"),
                    Map.entry("stagegate.hubspot.refresh-ahead", AHEAD_SECONDS + "s"),
                    Map.entry("stagegate.sync.backoff", "20ms"),
                    Map.entry("stagegate.sync.max-backoff", "100ms"));
        }
    }

    @Inject
    SyncEngine engine;

    @Inject
    HubSpotGateway gateway;

    @Inject
    ActivePlaybook playbook;

    @Inject
    SandboxGate gate;

    @Inject
    HubSpotOAuth oauth;

    @Inject
    SyncStore store;

    @Test
    void accessTokensAreRefreshedBeforeTheyExpire() throws InterruptedException {
        SyncTables.clear(store.pool());
        gate.reset();
        long grantsBefore = oauth.grants();
        long started = System.nanoTime();
        assertThat(engine.pollCycle(Crm.HUBSPOT)).isTrue();
        assertThat(engine.status(Crm.HUBSPOT).setupProblems()).isEmpty();
        engine.relay(Crm.HUBSPOT, true);
        Thread.sleep(LIFETIME_SECONDS * 1_000 + 500); // every token issued so far has expired or is about to
        assertThat(engine.pollCycle(Crm.HUBSPOT)).isTrue();
        engine.relay(Crm.HUBSPOT, true);
        long seconds = (System.nanoTime() - started) / 1_000_000_000 + 1;

        long grants = oauth.grants() - grantsBefore;
        long tokenCalls = gate.stats(SandboxCrm.HUBSPOT).callsByEndpoint().getOrDefault(TOKEN, 0L);
        System.out.printf("HubSpot OAuth against the sandbox: %d refreshes in %d s with %d-second tokens, %d calls refused as expired%n", grants,
                seconds, LIFETIME_SECONDS, oauth.expiredPresented());
        assertThat(grants).as("a new token for the second poll").isGreaterThanOrEqualTo(2);
        assertThat(tokenCalls).as("every refresh was granted").isEqualTo(grants);
        assertThat(grants).as("one refresh per token lifetime less the refresh-ahead, no storm")
                .isLessThanOrEqualTo(seconds / (LIFETIME_SECONDS - AHEAD_SECONDS) + 2);
        assertThat(oauth.expiredPresented()).as("no call carried an expired token: refreshed ahead").isZero();
        assertThat(engine.status(Crm.HUBSPOT).syncedUpTo()).isNotNull();
        assertThat(SandboxTruth.mismatches(SandboxTruth.readAll(gateway, playbook.evaluator()), playbook.evaluator())).isEmpty();
    }
}

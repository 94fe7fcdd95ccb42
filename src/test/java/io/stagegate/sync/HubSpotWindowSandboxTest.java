package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * More changed deals in one poll window than CRM search returns for one query (10,000), and all of them changed at the
 * same instant, as when an admin edits the pipelines: the poll must open a new query from the keyset cursor before the
 * cap, break the tie on the deal id, and read every deal exactly once. In shadow mode (nothing written back), so the
 * test measures the reading alone.
 */
@QuarkusTest
@TestProfile(HubSpotWindowSandboxTest.LargePortal.class)
class HubSpotWindowSandboxTest {
    static final int SIZE = 10_250;

    public static class LargePortal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stagegate.playbook.crm", "hubspot",
                    "stagegate.sandbox.size", String.valueOf(SIZE),
                    "stagegate.sandbox.seed-on-start", "true",
                    "stagegate.sandbox.scenario.interval-seconds", "0",
                    "stagegate.sync.write-back", "shadow");
        }
    }

    @Inject
    SyncEngine engine;

    @Inject
    HubSpotPortal portal;

    @Inject
    SandboxGate gate;

    @Inject
    SyncStore store;

    @Test
    void moreThanTenThousandDealsChangedAtOneInstantAreEachReadOnce() {
        SyncTables.clear(store.pool());
        assertThat(portal.size()).isEqualTo(SIZE);
        Instant touched = portal.touchAll();
        sleep(2_100); // the connector's lag: the window ends 2 s before now
        gate.reset();

        long started = System.nanoTime();
        assertThat(engine.pollCycle(Crm.HUBSPOT)).as("the only instance leads polling").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(engine.status(Crm.HUBSPOT).setupProblems()).isEmpty();
        assertThat(engine.status(Crm.HUBSPOT).syncedUpTo()).as("the window was read to its end").isNotNull();
        SandboxGate.Stats stats = gate.stats(SandboxCrm.HUBSPOT);
        long searches = stats.callsByEndpoint().getOrDefault("POST /crm/v3/objects/deals/search", 0L);
        long reads = stats.callsByEndpoint().getOrDefault("POST /crm/v3/objects/deals/batch/read", 0L);
        System.out.printf("HubSpot poll of %,d deals all changed at %s: %d searches (minimum %d), %d batch reads (minimum %d), %d ms%n",
                SIZE, touched, searches, ceil(SIZE, 200), reads, ceil(SIZE, 50), took.toMillis());
        assertThat(count("SELECT count(*) AS n FROM opportunity_state WHERE crm = 'HUBSPOT'")).as("every deal processed").isEqualTo(SIZE);
        assertThat(reads).as("no deal read twice, none left out").isEqualTo(ceil(SIZE, 50));
        // 50 pages of the first query (offsets 0 to 9,800), then a new query from the keyset cursor for the rest
        assertThat(searches).isEqualTo(ceil(SIZE, 200));
        assertThat(stats.refused()).as("no call refused").isZero();
        SyncStore.CursorRow cursor = store.cursor(Crm.HUBSPOT, "poll").await().atMost(Duration.ofSeconds(10));
        assertThat(cursor.cursor().modifiedAt()).isEqualTo(touched);
        assertThat(cursor.cursor().lastId()).as("the last deal in id order").isEqualTo(portal.liveDeals().reduce((first, second) -> second).orElseThrow().id());
    }

    private long count(String sql) {
        return store.pool().query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    private static long ceil(long count, long per) {
        return (count + per - 1) / per;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

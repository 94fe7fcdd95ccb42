package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.testsupport.PackagedApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Crash safety (issue 5, item 5): PostgreSQL stops in the middle of a sync and comes back on the same port and data
 * directory a few seconds later. The service is not restarted: it reconnects by itself, takes the poll lock again, finds
 * out what became of the writes whose outcome it could not record, and finishes the sync with every record right.
 */
class DatabaseRestartIT {
    private static final int SIZE = 5_000;
    /**
     * The default lease (5 minutes): the rows the service had claimed when the database went away must be due again
     * as soon as it is back (issue 12), so the drain below has to finish long before any lease could run out.
     */
    private static final Map<String, String> SERVICE = Map.of();
    private static final Duration WELL_BEFORE_THE_LEASE = Duration.ofMinutes(2);

    @Test
    void theServiceRecoversFromADatabaseRestartByItself() {
        long started = System.nanoTime();
        try (SyncRig rig = SyncRig.start(new SyncRig.Settings("db-restart", SIZE, 0, "none", 40, 10, 1, SERVICE))) {
            PackagedApp service = rig.services.get(0);
            long pid = service.pid();
            Long written = 0L;
            Long open = 0L;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                written = rig.count("SELECT count(*) FROM outbox WHERE status = 'WRITTEN'");
                open = rig.count("SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')");
                // stop it while a claimed batch is half written, so that outcomes are lost with the connections
                if (written != null && written >= 1_000 && open != null && open > 0 && rig.landedNotRecorded() > 0) {
                    break;
                }
                PackagedApp.sleep(10);
            }
            assertThat(open).as("sync work left when the database goes").isPositive();
            long states = rig.count("SELECT count(*) FROM opportunity_state");
            long inFlight = rig.count("SELECT count(*) FROM outbox WHERE status = 'SENDING'");
            long landed = rig.landedNotRecorded();
            rig.db.stop();
            long down = System.nanoTime();
            PackagedApp.sleep(2_000);
            HttpResponse<String> statusWhileDown = get(service.url("/api/sync"));
            PackagedApp.sleep(Math.max(0, 5_000 - Duration.ofNanos(System.nanoTime() - down).toMillis()));
            rig.db.startAgain();
            Duration outage = Duration.ofNanos(System.nanoTime() - down);

            Duration drain = rig.awaitDrained(WELL_BEFORE_THE_LEASE);
            SyncRig.Verdict verdict = rig.awaitVerdict();

            System.out.printf("%nDatabaseRestartIT: %,d opportunities, 40-50 ms per Salesforce call; PostgreSQL stopped for %.1f s with %,d records "
                    + "processed, %,d rows written, %,d open of which %,d in flight (%,d of those applied by the CRM, not recorded); the service logged %d "
                    + "lost and %d taken poll leaderships%n", SIZE, outage.toMillis() / 1000.0, states, written, open, inFlight, landed,
                    service.countLog("Lost the SALESFORCE poll leadership"), service.countLog("now leads SALESFORCE polling"));
            MultiInstanceSyncIT.print("in all", rig, verdict);
            System.out.printf("  drained %.1f s after PostgreSQL was back%n", drain.toMillis() / 1000.0);
            System.out.printf("  DatabaseRestartIT took %.1f s%n", (System.nanoTime() - started) / 1e9);

            assertThat(statusWhileDown.statusCode()).as("/api/sync while the database is down: " + statusWhileDown.body()).isEqualTo(200);
            assertThat(statusWhileDown.body()).as("it says what it knows, and that the database is unreachable")
                    .contains("\"database\":\"unreachable").contains("\"crm\":\"SALESFORCE\"");
            assertThat(service.countLog("Result is already complete")).as("uncaught errors of the pool after the database came back").isZero();
            assertThat(service.isAlive()).isTrue();
            assertThat(service.pid()).as("the same process, never restarted").isEqualTo(pid);
            assertThat(verdict.problems()).as("every record right after the database restart").isEmpty();
            assertThat(verdict.records()).isEqualTo(SIZE);
            assertThat(verdict.unchangedWrites()).as("duplicate writes").isZero();
            assertThat(verdict.maxWritesPerRecord()).as("no rep acted: each record is written at most once").isLessThanOrEqualTo(1);
            assertThat(service.countLog("now leads SALESFORCE polling")).as("the poll lock, lost with the database session, was taken again")
                    .isEqualTo(2);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + url + ": " + e, e);
        }
    }
}

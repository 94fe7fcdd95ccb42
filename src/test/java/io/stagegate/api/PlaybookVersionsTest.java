package io.stagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Crm;
import io.stagegate.persistence.PlaybookText;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.persistence.PlaybookVersions;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What instances starting with a playbook file record: one version for replicas starting together, none when unchanged. */
@QuarkusTest
@TestProfile(PlaybookApiProfile.class)
class PlaybookVersionsTest {
    private static final int REPLICAS = 8;

    @Inject
    PlaybookVersions versions;

    @AfterEach
    void shippedAgain() {
        PlaybookFixtures.restoreShipped();
    }

    @Test
    void replicasStartingTogetherWithANewFileRecordOneVersion() throws Exception {
        for (int round = 0; round < 5; round++) {
            PlaybookText file = file("# deployed in round " + round + " of " + System.nanoTime() + "\n" + PlaybookFixtures.SHIPPED.yaml());
            long before = versions.count().await().atMost(PlaybookFixtures.WAIT);
            Set<Long> ids = new HashSet<>();
            for (PlaybookVersion version : together(() -> versions.recordAtStart(file).await().atMost(PlaybookFixtures.WAIT))) {
                ids.add(version.id());
            }
            assertThat(ids).as("every replica runs the same version").hasSize(1);
            assertThat(versions.count().await().atMost(PlaybookFixtures.WAIT)).as("one version per start of a new file").isEqualTo(before + 1);
            assertThat(versions.active().await().atMost(PlaybookFixtures.WAIT).sha256()).isEqualTo(file.sha256());
        }
    }

    @Test
    void adminsActivatingTheSameContentAtOnceCreateOneVersion() throws Exception {
        for (int round = 0; round < 5; round++) {
            PlaybookText candidate = file("# activated in round " + round + " of " + System.nanoTime() + "\n" + PlaybookFixtures.SHIPPED.yaml());
            long before = versions.count().await().atMost(PlaybookFixtures.WAIT);
            List<PlaybookVersions.Activation> activations = together(() -> versions.activate(candidate, "api:admin-token-1",
                    PlaybookVersion.ACTIVATE, candidate.source(), null).await().atMost(PlaybookFixtures.WAIT));
            assertThat(activations).filteredOn(PlaybookVersions.Activation::created).hasSize(1);
            assertThat(activations).extracting(a -> a.version().id()).containsOnly(activations.get(0).version().id());
            assertThat(versions.count().await().atMost(PlaybookFixtures.WAIT)).isEqualTo(before + 1);
        }
    }

    /** Runs {@code call} on {@value #REPLICAS} threads released at the same moment; their results. */
    private static <T> List<T> together(java.util.concurrent.Callable<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(REPLICAS);
        try {
            List<Future<T>> started = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                started.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : started) {
                results.add(result.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRestartWithTheSameFileKeepsAnActivationAndAnEditedFileWins() {
        PlaybookText shipped = file(PlaybookFixtures.SHIPPED.yaml());
        versions.recordAtStart(shipped).await().atMost(PlaybookFixtures.WAIT);
        PlaybookText edited = file(PlaybookFixtures.stricter());
        PlaybookVersion activated = versions.activate(edited, "api:admin-token-1", PlaybookVersion.ACTIVATE, "stricter", null)
                .await().atMost(PlaybookFixtures.WAIT).version();

        // a replica restarting with the file it was deployed with: the activation stands, nothing is recorded
        PlaybookVersion restarted = versions.recordAtStart(shipped).await().atMost(PlaybookFixtures.WAIT);
        assertThat(restarted.id()).isEqualTo(activated.id());
        // a new deployment with an edited file: the file is the new version, with its diff
        PlaybookText redeployed = file("# edited in git\n" + PlaybookFixtures.SHIPPED.yaml());
        PlaybookVersion deployed = versions.recordAtStart(redeployed).await().atMost(PlaybookFixtures.WAIT);
        assertThat(deployed.id()).isGreaterThan(activated.id());
        assertThat(deployed.action()).isEqualTo(PlaybookVersion.STARTUP);
        assertThat(deployed.diff()).contains("+# edited in git");
        List<PlaybookVersion> history = versions.history(null, 3).await().atMost(PlaybookFixtures.WAIT);
        assertThat(history).extracting(PlaybookVersion::id).containsExactly(deployed.id(), activated.id(), history.get(2).id());
        assertThat(history.get(1).reason()).isEqualTo("stricter");
        assertThat(history.get(1).activatedBy()).isEqualTo("api:admin-token-1");
        assertThat(history.get(0).content()).as("listings leave the YAML out").isNull();
        List<PlaybookVersion> audit = versions.activations(activated.activatedAt(), deployed.activatedAt().plusNanos(1000), 10)
                .await().atMost(PlaybookFixtures.WAIT);
        assertThat(audit).extracting(PlaybookVersion::id).containsExactly(deployed.id(), activated.id());
        assertThat(audit).extracting(PlaybookVersion::action).containsExactly(PlaybookVersion.STARTUP, PlaybookVersion.ACTIVATE);
    }

    private static PlaybookText file(String yaml) {
        LoadedPlaybook loaded = LoadedPlaybook.load("/etc/stagegate/playbook.yaml", yaml);
        return new PlaybookText(loaded.playbook().name(), Crm.SALESFORCE, loaded.source(), yaml, loaded.sha256());
    }
}

package io.stagegate.config;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.stagegate.persistence.PlaybookText;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.persistence.PlaybookVersions;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.InvalidPlaybookException;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Keeps this instance on the active playbook version of the database. At start it records the configured playbook
 * file (only when the file changed, see {@link PlaybookVersions#recordAtStart}) and adopts the active version; then,
 * every {@value #CHECK_SECONDS} seconds, it compares the active version's SHA-256 with the one it runs and switches when
 * another instance activated a version. The sync notices the change by the playbook SHA of its stored evaluations and
 * re-evaluates every opportunity ({@code sync/Sweep}).
 */
@ApplicationScoped
public class PlaybookFollower {
    /** How often an instance looks for a version activated elsewhere: the longest a replica runs an older playbook. */
    public static final int CHECK_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(PlaybookFollower.class);
    private static final Duration DB = Duration.ofSeconds(30);

    private final ActivePlaybook active;
    private final PlaybookVersions versions;
    private final StagegateConfig config;
    private volatile boolean started;
    private volatile boolean failing;
    /** The active version this instance could not load: not tried again until another version is active. */
    private volatile String rejectedSha;

    public PlaybookFollower(ActivePlaybook active, PlaybookVersions versions, StagegateConfig config) {
        this.active = active;
        this.versions = versions;
        this.config = config;
    }

    /** Records the configured playbook file if it changed, adopts the active version and returns it. */
    public PlaybookVersion start() {
        LoadedPlaybook file = EngineProducer.initialPlaybook(config.playbook());
        PlaybookVersion version = versions.recordAtStart(text(file, file.source())).await().atMost(DB);
        adopt(version);
        started = true;
        return version;
    }

    void stop(@Observes ShutdownEvent event) {
        started = false; // the pool closes while the application stops
    }

    @Scheduled(every = CHECK_SECONDS + "s", delayed = CHECK_SECONDS + "s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        if (!started || config.mode() != StagegateConfig.Mode.SERVICE) {
            return;
        }
        try {
            follow();
            if (failing) {
                failing = false;
                LOG.info("the active playbook version can be checked again");
            }
        } catch (RuntimeException e) {
            if (!failing) { // once per outage, not every few seconds while the database is away
                failing = true;
                LOG.warnf("could not check the active playbook version, will retry every %d s: %s", CHECK_SECONDS, e.toString());
            }
        }
    }

    /** Switches to the active version if another instance activated one since. Returns whether it switched. */
    public boolean follow() {
        String sha = versions.activeSha256().await().atMost(DB);
        if (sha == null || sha.equals(active.current().sha256()) || sha.equals(rejectedSha)) {
            return false;
        }
        PlaybookVersion version = versions.active().await().atMost(DB);
        return version != null && adopt(version);
    }

    /**
     * Makes {@code candidate} the active version for every instance and switches this one now. Returns the activation,
     * whose {@code created} is false when that content was active already (nothing changed).
     */
    public PlaybookVersions.Activation activate(LoadedPlaybook candidate, String actor, String action, String reason, Long restoredFrom) {
        PlaybookVersions.Activation activation = versions.activate(text(candidate, candidate.source()), actor, action, reason, restoredFrom)
                .await().atMost(DB);
        if (activation.created()) {
            LOG.infof("Playbook version %d activated by %s (%s): '%s'", activation.version().id(), actor, reason, candidate.playbook().name());
            active.replace(candidate);
        }
        return activation;
    }

    private boolean adopt(PlaybookVersion version) {
        if (Objects.equals(version.sha256(), active.current().sha256())) {
            return false;
        }
        try {
            active.replace(LoadedPlaybook.load(version.source(), version.content()));
        } catch (InvalidPlaybookException e) {
            // activations are validated first; a row edited by hand, or written by a newer release, must not stop the
            // sync, nor fill the log on every check
            rejectedSha = version.sha256();
            LOG.errorf("playbook version %d cannot be loaded by this instance, which keeps running '%s': %s", version.id(),
                    active.current().playbook().name(), e.getMessage());
            return false;
        }
        LOG.infof("Switched to playbook version %d '%s' (activated by %s at %s)", version.id(), version.name(), version.activatedBy(),
                version.activatedAt());
        return true;
    }

    private static PlaybookText text(LoadedPlaybook loaded, String source) {
        return new PlaybookText(loaded.playbook().name(), loaded.playbook().crm(), source, loaded.yaml(), loaded.sha256());
    }
}

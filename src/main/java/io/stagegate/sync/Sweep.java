package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmGateway;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The reconciliation sweep: re-reads every opportunity, daily and after a playbook change, a few pages per poll cycle
 * so that it never delays fresh changes by much. Its position is the {@code sweep} cursor, so any leader resumes it.
 */
@ApplicationScoped
public class Sweep {
    private static final Logger LOG = Logger.getLogger(Sweep.class);
    private static final Duration DB = Duration.ofSeconds(60);
    /** Sweep pages read per poll cycle, so that a sweep never delays fresh changes by much. */
    private static final int PAGES_PER_CYCLE = 5;

    private final SyncConfig config;
    private final SyncStore store;
    private final Pages pages;
    private final SyncStatuses statuses;
    private final Clock clock;

    public Sweep(SyncConfig config, SyncStore store, Pages pages, SyncStatuses statuses, Clock clock) {
        this.config = config;
        this.store = store;
        this.pages = pages;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Starts a sweep when opportunities were evaluated with another playbook, unless one runs already. */
    void requestIfPlaybookChanged(Crm crm, LoadedPlaybook loaded) {
        boolean stale = Boolean.TRUE.equals(store.evaluatedWithOtherPlaybook(crm, loaded.sha256()).await().atMost(DB));
        SyncStore.CursorRow sweep = store.cursor(crm, "sweep").await().atMost(DB);
        if (stale && (sweep == null || sweep.startedAt() == null || sweep.completedAt() != null)) {
            LOG.infof("%s playbook changed: every opportunity will be re-evaluated", crm);
            store.audit("system", "sweep.requested", crm, Map.of("reason", "playbook changed", "sha256", loaded.sha256())).await().atMost(DB);
            store.startSweep(crm, clock.instant()).await().atMost(DB);
        }
    }

    /** Advances a running sweep by a few pages, or starts one when the last completed long enough ago. */
    void step(Crm crm, CrmGateway gateway) {
        CrmSyncStatus status = statuses.of(crm);
        SyncStore.CursorRow sweep = store.cursor(crm, "sweep").await().atMost(DB);
        Instant now = clock.instant();
        if (sweep == null || sweep.until() == null) {
            Instant last = sweep == null ? null : sweep.completedAt();
            SyncStore.CursorRow poll = store.cursor(crm, "poll").await().atMost(DB);
            if (sweep == null && poll != null) {
                // the backfill just read everything: the first sweep is due one interval later
                store.startSweep(crm, now).await().atMost(DB);
                store.completeSweep(crm).await().atMost(DB);
                return;
            }
            if (last != null && last.plus(config.sweepInterval()).isAfter(now)) {
                status.sweeping = false;
                return;
            }
            store.startSweep(crm, now).await().atMost(DB);
            store.audit("system", "sweep.started", crm, Map.of("until", now.toString())).await().atMost(DB);
            LOG.infof("%s reconciliation sweep started", crm);
            sweep = store.cursor(crm, "sweep").await().atMost(DB);
        }
        status.sweeping = true;
        if (pages.read(crm, gateway, sweep.cursor(), sweep.until(), "sweep", PAGES_PER_CYCLE).complete()) {
            store.completeSweep(crm).await().atMost(DB);
            status.sweeping = false;
            status.lastSweepCompletedAt = clock.instant();
            LOG.infof("%s reconciliation sweep completed", crm);
        }
    }

    /** Starts a reconciliation sweep now (an admin asked). */
    void request(Crm crm, String actor) {
        store.startSweep(crm, clock.instant()).await().atMost(DB);
        store.audit(actor, "sweep.requested", crm, Map.of()).await().atMost(DB);
    }
}

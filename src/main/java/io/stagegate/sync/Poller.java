package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.PollWindow;
import io.stagegate.crm.SyncCursor;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The poll leader's loop: checks the CRM's setup against the playbook, reads every page changed since the cursor,
 * then a few pages of a due sweep, then takes the day's snapshot.
 */
@ApplicationScoped
public class Poller {
    private static final Logger LOG = Logger.getLogger(Poller.class);
    private static final Duration DB = Duration.ofSeconds(60);

    private final SyncTargets targets;
    private final ActivePlaybook playbook;
    private final SyncStore store;
    private final OutboxStore outbox;
    private final Pages pages;
    private final Sweep sweep;
    private final Snapshots snapshots;
    private final SyncStatuses statuses;
    private final PollLeadership leadership;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    public Poller(SyncTargets targets, ActivePlaybook playbook, SyncStore store, OutboxStore outbox, Pages pages, Sweep sweep, Snapshots snapshots,
            SyncStatuses statuses, PollLeadership leadership, Clock clock) {
        this.targets = targets;
        this.playbook = playbook;
        this.store = store;
        this.outbox = outbox;
        this.pages = pages;
        this.sweep = sweep;
        this.snapshots = snapshots;
        this.statuses = statuses;
        this.leadership = leadership;
        this.clock = clock;
    }

    /** One poll cycle, if this instance leads polling of {@code crm}. Returns false when it did not lead. */
    boolean cycle(Crm crm) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (!leadership.lead(crm)) {
                return false;
            }
            Instant now = clock.instant();
            if (!statuses.parked(crm, now)) {
                pollLed(crm, now);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void pollLed(Crm crm, Instant now) {
        CrmSyncStatus status = statuses.of(crm);
        CrmGateway gateway = targets.gateway(crm);
        LoadedPlaybook loaded = playbook.current();
        try {
            if (!setupReady(crm, gateway, loaded)) {
                return;
            }
            sweep.requestIfPlaybookChanged(crm, loaded);
            status.lastPollStartedAt = now;
            SyncStore.CursorRow saved = store.cursor(crm, "poll").await().atMost(DB);
            if (saved == null) {
                status.settled = null; // a forgotten cursor (or a new database) is read again from the start
            }
            PollWindow window = gateway.pollWindow(saved == null ? SyncCursor.START : saved.cursor(), now, status.settled);
            Pages.Read read = pages.read(crm, gateway, window.from(), window.until(), Pages.POLL, Integer.MAX_VALUE);
            int records = read.records();
            if (read.complete()) {
                status.settled = window.settled();
            }
            status.lastPollCompletedAt = clock.instant();
            status.syncedUpTo = window.until();
            status.succeeded(status.lastPollCompletedAt);
            if (saved == null) {
                LOG.infof("%s backfill read %,d opportunities", crm, records);
            } else if (records > 0) {
                LOG.debugf("%s poll read %,d changed opportunities", crm, records);
            }
            sweep.step(crm, gateway);
            snapshots.takeIfDue(crm);
        } catch (CrmException e) {
            statuses.crmFailed(crm, e, "poll");
        } catch (RuntimeException e) {
            statuses.failed(crm, "poll", e);
            LOG.warnf("%s poll failed, will retry next cycle: %s", crm, e.toString());
        }
    }

    /** Whether the CRM's setup matches the playbook (checked once per playbook version, and again after a problem). */
    private boolean setupReady(Crm crm, CrmGateway gateway, LoadedPlaybook loaded) {
        CrmSyncStatus status = statuses.of(crm);
        if (loaded.sha256().equals(status.setupCheckedFor) && status.setupProblems.isEmpty()) {
            return true;
        }
        List<String> problems = gateway.validateSetup(loaded.playbook());
        status.setupProblems = List.copyOf(problems);
        status.setupCheckedFor = loaded.sha256();
        if (!problems.isEmpty()) {
            LOG.errorf("%s sync waits: the CRM's setup could not be confirmed against the playbook:%n  %s", crm, String.join("\n  ", problems));
            return false;
        }
        WriteScope scope = targets.writeScope();
        LOG.infof("%s setup matches playbook '%s'; write-back: %s", crm, loaded.playbook().name(), scope.describe());
        outbox.applyScope(crm, scope).await().atMost(DB);
        return true;
    }
}

package io.stagegate.sync;

import io.quarkus.scheduler.Scheduled;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The sync (docs/design-sync.md), as its schedules, surfaces and tests see it. The work is done by one class per job:
 * the {@link Poller} (poll leader: changed pages, then the {@link Sweep} and the {@link Snapshots}), the
 * {@link InboxWorker} and the {@link OutboxRelay} (every instance); {@link SyncTargets} says what is synced.
 */
@ApplicationScoped
public class SyncEngine {
    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    private static final Duration DB = Duration.ofSeconds(60);

    private final SyncTargets targets;
    private final SyncStatuses statuses;
    private final PollLeadership leadership;
    private final Poller poller;
    private final Sweep sweep;
    private final InboxWorker inbox;
    private final OutboxRelay relay;
    private final OutboxStore outbox;
    private final SyncStore store;
    private final Clock clock;
    private final ReentrantLock workLock = new ReentrantLock();

    public SyncEngine(SyncTargets targets, SyncStatuses statuses, PollLeadership leadership, Poller poller, Sweep sweep, InboxWorker inbox,
            OutboxRelay relay, OutboxStore outbox, SyncStore store, Clock clock) {
        this.targets = targets;
        this.statuses = statuses;
        this.leadership = leadership;
        this.poller = poller;
        this.sweep = sweep;
        this.inbox = inbox;
        this.relay = relay;
        this.outbox = outbox;
        this.store = store;
        this.clock = clock;
    }

    // --- what is synced ------------------------------------------------------------------------------------------

    /** The CRM this instance syncs (the active playbook's), or {@code null} when nothing is to be synced. */
    public Crm activeCrm() {
        return targets.activeCrm();
    }

    /** Why nothing is synced, when {@link #activeCrm()} is null. */
    public String idleReason() {
        return targets.idleReason();
    }

    public CrmSyncStatus status(Crm crm) {
        return statuses.of(crm);
    }

    /** Whether this instance holds the poll leadership of {@code crm}. */
    public boolean leads(Crm crm) {
        return leadership.holds(crm);
    }

    /** The share of the CRM's daily API quota used, as last reported by the CRM (0 before the first call). */
    public double quotaUsed(Crm crm) {
        return targets.quotaUsed(crm);
    }

    public String instanceId() {
        return relay.instanceId();
    }

    /** Who is written back: the configured mode, else on for the embedded sandbox and shadow for a real CRM. */
    public WriteScope writeScope() {
        return targets.writeScope();
    }

    /** Where the sync reads from, for people: the embedded sandbox or the configured instance. */
    public String targetDescription() {
        return targets.targetDescription();
    }

    // --- schedules -----------------------------------------------------------------------------------------------

    @Scheduled(every = "${stagegate.sync.poll-interval}", delayed = "${stagegate.sync.start-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SyncSchedules.Off.class)
    void scheduledPoll() {
        Crm crm = activeCrm();
        if (crm != null) {
            pollCycle(crm);
        }
    }

    @Scheduled(every = "${stagegate.sync.work-interval}", delayed = "${stagegate.sync.start-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SyncSchedules.Off.class)
    void scheduledWork() {
        Crm crm = activeCrm();
        if (crm != null) {
            workRound(crm);
        }
    }

    /** One poll cycle, if this instance leads polling of {@code crm} (see {@link Poller}). Returns false when it did not lead. */
    public boolean pollCycle(Crm crm) {
        return poller.cycle(crm);
    }

    /** One round of inbox and outbox work on this instance. */
    public void workRound(Crm crm) {
        if (!workLock.tryLock()) {
            return;
        }
        try {
            if (statuses.workWaits(crm, clock.instant())) {
                return;
            }
            try {
                inbox.drain(crm);
                relay.relay(crm, false);
                relay.announceIfCaughtUp(crm, leadership.holds(crm) && statuses.of(crm).settled != null);
            } catch (CrmException e) {
                statuses.crmFailed(crm, e, "write");
            } catch (RuntimeException e) {
                statuses.failed(crm, "work", e);
                LOG.warnf("%s inbox/outbox round failed, will retry: %s", crm, e.toString());
            }
        } finally {
            workLock.unlock();
        }
    }

    /** Writes due outbox rows now (see {@link OutboxRelay#relay}). */
    public int relay(Crm crm, boolean flush) {
        return relay.relay(crm, flush);
    }

    // --- admin ---------------------------------------------------------------------------------------------------

    /** Starts a reconciliation sweep now (re-read and re-evaluate every opportunity). */
    public void requestSweep(Crm crm, String actor) {
        sweep.request(crm, actor);
    }

    /** Creates the CRM's output fields where its connector can, idempotently, and audits what was created. */
    public List<String> bootstrap(Crm crm, boolean suggestedCriteria, String actor) {
        List<String> created = targets.bootstrap(crm, suggestedCriteria);
        store.audit(actor, "crm.bootstrapped", crm, Map.of("created", created)).await().atMost(DB);
        return created;
    }

    /** Queues dead letters again (all of the CRM's, or the given outbox ids). */
    public int replayDeadLetters(Crm crm, List<Long> ids, String actor) {
        int replayed = outbox.replayDead(crm, ids).await().atMost(DB);
        store.audit(actor, "dead-letters.replayed", crm, Map.of("count", replayed, "ids", ids == null ? List.of() : ids)).await().atMost(DB);
        return replayed;
    }
}

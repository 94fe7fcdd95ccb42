package io.stagegate.sync;

import io.quarkus.scheduler.Scheduled;
import io.stagegate.config.StagegateConfig;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.PollWindow;
import io.stagegate.crm.SyncCursor;
import io.stagegate.crm.WriteOutcome;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The sync loop (docs/design-sync.md). Intake: the poll leader reads changed pages; every instance works the inbox.
 * Each page is evaluated and its state, first-seen moves, outbox rows and progress are committed in one transaction.
 * The relay, on every instance, claims due outbox rows with SKIP LOCKED and writes them in the CRM's largest batches.
 * A reconciliation sweep re-reads everything daily and after a playbook change; a forecast snapshot is taken daily.
 */
@ApplicationScoped
public class SyncEngine {
    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    private static final Duration DB = Duration.ofSeconds(60);
    /** Sweep pages read per poll cycle, so that a sweep never delays fresh changes by much. */
    private static final int SWEEP_PAGES_PER_CYCLE = 5;
    /** A partial write batch waits this long for more rows before it is sent anyway. */
    private static final double FLUSH_AFTER_SECONDS = 2.0;
    private static final Duration FATAL_RETRY = Duration.ofMinutes(5);

    private final SyncConfig config;
    private final StagegateConfig stagegate;
    private final SalesforceConfig salesforce;
    private final Instance<CrmGateway> gateways;
    private final ActivePlaybook playbook;
    private final SyncStore store;
    private final PollLeadership leadership;
    private final Clock clock;
    private final String instanceId;
    private final Map<Crm, CrmSyncStatus> statuses = new EnumMap<>(Crm.class);
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ReentrantLock workLock = new ReentrantLock();

    public SyncEngine(SyncConfig config, StagegateConfig stagegate, SalesforceConfig salesforce, Instance<CrmGateway> gateways,
            ActivePlaybook playbook, SyncStore store, PollLeadership leadership, Clock clock) {
        this.config = config;
        this.stagegate = stagegate;
        this.salesforce = salesforce;
        this.gateways = gateways;
        this.playbook = playbook;
        this.store = store;
        this.leadership = leadership;
        this.clock = clock;
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName();
        for (Crm crm : Crm.values()) {
            statuses.put(crm, new CrmSyncStatus());
        }
    }

    // --- what is synced ------------------------------------------------------------------------------------------

    /** The CRM this instance syncs (the active playbook's), or {@code null} when nothing is to be synced. */
    public Crm activeCrm() {
        if (!config.enabled() || stagegate.mode() != StagegateConfig.Mode.SERVICE) {
            return null;
        }
        Crm crm = playbook.current().playbook().crm();
        if (targetsSandbox() && !io.stagegate.config.EmbeddedSalesforceTarget.serving()) {
            return null; // the embedded sandbox is this very server: wait until it listens
        }
        return gateway(crm) == null ? null : crm;
    }

    /** Why nothing is synced, when {@link #activeCrm()} is null. */
    public String idleReason() {
        if (!config.enabled()) {
            return "the sync engine is disabled (STAGEGATE_SYNC_ENABLED=false)";
        }
        if (stagegate.mode() != StagegateConfig.Mode.SERVICE) {
            return "this instance serves only the sandbox";
        }
        Crm crm = playbook.current().playbook().crm();
        if (targetsSandbox() && !io.stagegate.config.EmbeddedSalesforceTarget.serving()) {
            return "waiting for this instance's HTTP server, which serves the embedded sandbox, to listen";
        }
        if (crm == Crm.HUBSPOT) {
            return "the HubSpot connector is not built yet; the playbook can be evaluated through /api/evaluate";
        }
        return "no CRM is configured: set STAGEGATE_SALESFORCE_ENABLED=true and the STAGEGATE_SALESFORCE_* variables, "
                + "or keep the embedded sandbox enabled";
    }

    CrmGateway gateway(Crm crm) {
        if (crm == Crm.SALESFORCE && !salesforce.enabled()) {
            return null;
        }
        for (CrmGateway gateway : gateways) {
            if (gateway.crm() == crm) {
                return gateway;
            }
        }
        return null;
    }

    public CrmSyncStatus status(Crm crm) {
        return statuses.get(crm);
    }

    /** Whether this instance holds the poll leadership of {@code crm}. */
    public boolean leads(Crm crm) {
        return leadership.holds(crm);
    }

    /** The share of the CRM's daily API quota used, as last reported by the CRM (0 before the first call). */
    public double quotaUsed(Crm crm) {
        CrmGateway gateway = gateway(crm);
        return gateway == null ? 0 : gateway.quotaUsed();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Who is written back: the configured mode, else on for the embedded sandbox and shadow for a real CRM. */
    public WriteScope writeScope() {
        SyncConfig.WriteBack mode = config.writeBack().orElse(targetsSandbox() ? SyncConfig.WriteBack.ON : SyncConfig.WriteBack.SHADOW);
        if (mode == SyncConfig.WriteBack.SHADOW) {
            return WriteScope.SHADOW;
        }
        return new WriteScope(true, new HashSet<>(config.writeBackPipelines().orElse(List.of())));
    }

    /** Where the sync reads from, for people: the embedded sandbox or the configured org. */
    public String targetDescription() {
        Crm crm = activeCrm();
        if (crm == null) {
            return "nothing";
        }
        return targetsSandbox() ? "the embedded Salesforce sandbox" : crm == Crm.SALESFORCE ? "Salesforce at " + salesforce.loginUrl().orElse("?") : crm.name();
    }

    private boolean targetsSandbox() {
        return salesforce.loginUrl().map(url -> url.startsWith("http://localhost:") && url.endsWith("/sandbox/salesforce")).orElse(false);
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

    // --- poll ----------------------------------------------------------------------------------------------------

    /**
     * One poll cycle, if this instance leads polling of {@code crm}: checks the setup, reads every page changed since
     * the cursor, then a few pages of a due sweep, then takes the day's snapshot. Returns false when it did not lead.
     */
    public boolean pollCycle(Crm crm) {
        if (!pollLock.tryLock()) {
            return false;
        }
        try {
            if (!leadership.lead(crm)) {
                return false;
            }
            CrmSyncStatus status = statuses.get(crm);
            Instant now = clock.instant();
            if (parked(status, now)) {
                return true;
            }
            CrmGateway gateway = gateway(crm);
            LoadedPlaybook loaded = playbook.current();
            try {
                if (!setupReady(crm, gateway, loaded, status)) {
                    return true;
                }
                requestSweepIfPlaybookChanged(crm, loaded);
                status.lastPollStartedAt = now;
                SyncStore.CursorRow saved = store.cursor(crm, "poll").await().atMost(DB);
                PollWindow window = gateway.pollWindow(saved == null ? SyncCursor.START : saved.cursor(), now);
                int records = readPages(crm, gateway, window.from(), window.until(), "poll", Integer.MAX_VALUE).records();
                status.lastPollCompletedAt = clock.instant();
                status.syncedUpTo = window.until();
                status.succeeded(status.lastPollCompletedAt);
                if (saved == null) {
                    LOG.infof("%s backfill read %,d opportunities", crm, records);
                } else if (records > 0) {
                    LOG.debugf("%s poll read %,d changed opportunities", crm, records);
                }
                sweepStep(crm, gateway);
                snapshotIfDue(crm);
            } catch (CrmException e) {
                crmFailed(crm, status, e, "poll");
            } catch (RuntimeException e) {
                status.failed(clock.instant(), "poll: " + e.getMessage());
                LOG.warnf("%s poll failed, will retry next cycle: %s", crm, e.toString());
            }
            return true;
        } finally {
            pollLock.unlock();
        }
    }

    /** How far a run of pages got: records read, and whether the window was read to its end. */
    private record PagesRead(int records, boolean complete) {
    }

    /**
     * Reads pages from {@code from} to {@code until} (at most {@code maxPages}), committing each with its cursor.
     * Every page counts as read when the run began: the pages after the first come from the query cursor the first one
     * opened, which holds the records as they were then (Salesforce's {@code nextRecordsUrl}, the sandbox alike). Stamped
     * with the time they were fetched, a record our relay wrote in between would look as if the write had not landed,
     * and be written again.
     */
    private PagesRead readPages(Crm crm, CrmGateway gateway, SyncCursor from, Instant until, String kind, int maxPages) {
        SyncCursor cursor = from;
        int records = 0;
        int pages = 0;
        Instant readAt = clock.instant();
        while (pages < maxPages) {
            ChangePage page = gateway.changedSince(playbook.current().playbook(), cursor, until);
            processPage(crm, page.records(), readAt, kind, SyncStore.Progress.cursor(kind, page.next()));
            records += page.records().size();
            pages++;
            cursor = page.next();
            if (!page.more()) {
                return new PagesRead(records, true);
            }
            if (!leadership.holds(crm)) {
                break;
            }
        }
        return new PagesRead(records, false);
    }

    private boolean setupReady(Crm crm, CrmGateway gateway, LoadedPlaybook loaded, CrmSyncStatus status) {
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
        LOG.infof("%s setup matches playbook '%s'; write-back: %s", crm, loaded.playbook().name(), writeScope().describe());
        store.applyScope(crm, writeScope()).await().atMost(DB);
        return true;
    }

    private void requestSweepIfPlaybookChanged(Crm crm, LoadedPlaybook loaded) {
        Boolean stale = store.pool().preparedQuery("SELECT EXISTS (SELECT 1 FROM opportunity_state WHERE crm = $1 AND playbook_sha256 <> $2) AS stale")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(crm.name(), loaded.sha256())).await().atMost(DB).iterator().next().getBoolean("stale");
        SyncStore.CursorRow sweep = store.cursor(crm, "sweep").await().atMost(DB);
        if (Boolean.TRUE.equals(stale) && (sweep == null || sweep.startedAt() == null || sweep.completedAt() != null)) {
            LOG.infof("%s playbook changed: every opportunity will be re-evaluated", crm);
            store.audit("system", "sweep.requested", crm, Map.of("reason", "playbook changed", "sha256", loaded.sha256())).await().atMost(DB);
            store.startSweep(crm, clock.instant()).await().atMost(DB);
        }
    }

    /** Advances a running sweep by a few pages, or starts one when the last completed long enough ago. */
    private void sweepStep(Crm crm, CrmGateway gateway) {
        CrmSyncStatus status = statuses.get(crm);
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
        if (readPages(crm, gateway, sweep.cursor(), sweep.until(), "sweep", SWEEP_PAGES_PER_CYCLE).complete()) {
            store.completeSweep(crm).await().atMost(DB);
            status.sweeping = false;
            status.lastSweepCompletedAt = clock.instant();
            LOG.infof("%s reconciliation sweep completed", crm);
        }
    }

    private void snapshotIfDue(Crm crm) {
        LocalDate today = LocalDate.now(clock);
        if (!store.hasSnapshot(crm, today).await().atMost(DB)) {
            int rows = store.snapshot(crm, today).await().atMost(DB);
            LOG.debugf("%s forecast snapshot for %s: %d rows", crm, today, rows);
        }
    }

    // --- processing ----------------------------------------------------------------------------------------------

    /** Evaluates records and commits state, moves, outbox rows and progress in one transaction (retried on deadlock). */
    void processPage(Crm crm, List<CrmOpportunity> records, Instant readAt, String source, SyncStore.Progress progress) {
        Map<String, CrmOpportunity> byId = new LinkedHashMap<>();
        for (CrmOpportunity record : records) {
            CrmOpportunity earlier = byId.get(record.id());
            if (earlier == null || !record.modifiedAt().isBefore(earlier.modifiedAt())) {
                byId.put(record.id(), record);
            }
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        LoadedPlaybook loaded = playbook.current();
        RecordProcessor processor = new RecordProcessor(playbook.evaluator(), writeScope());
        CrmSyncStatus status = statuses.get(crm);
        for (int attempt = 1; ; attempt++) {
            try {
                List<Processed> results = store.pool().withTransaction(conn -> (ids.isEmpty()
                                ? io.smallrye.mutiny.Uni.createFrom().item(Map.<String, Prior>of())
                                : SyncStore.lock(conn, crm, ids).chain(() -> SyncStore.priors(conn, crm, ids)))
                        // evaluating a page is CPU work: off the connection's event loop, onto a worker thread
                        .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                        .map(priors -> {
                            List<Processed> processed = new ArrayList<>(ids.size());
                            for (String id : ids) {
                                processed.add(processor.process(byId.get(id), priors.getOrDefault(id, Prior.NONE), readAt, source));
                            }
                            return processed;
                        })
                        .call(processed -> SyncStore.apply(conn, crm, processed, loaded.sha256(), progress)))
                        .await().atMost(DB);
                status.recordsProcessed.addAndGet(results.size());
                for (Processed result : results) {
                    status.transitionsRecorded.addAndGet(result.newTransitions().size());
                }
                return;
            } catch (PgException e) {
                if (attempt < 3 && ("40P01".equals(e.getSqlState()) || "40001".equals(e.getSqlState()))) {
                    LOG.debugf("page of %d records hit %s; retrying", ids.size(), e.getSqlState());
                    continue;
                }
                throw e;
            }
        }
    }

    // --- work: inbox and relay -----------------------------------------------------------------------------------

    /** One round of inbox and outbox work on this instance. */
    public void workRound(Crm crm) {
        if (!workLock.tryLock()) {
            return;
        }
        try {
            CrmSyncStatus status = statuses.get(crm);
            if (parked(status, clock.instant()) || status.fatal != null && status.lastFailureAt != null
                    && status.lastFailureAt.plus(FATAL_RETRY).isAfter(clock.instant()) || !status.setupProblems.isEmpty()) {
                return;
            }
            try {
                drainInbox(crm);
                int written = relay(crm, false);
                if (written > 0) {
                    announce(crm, written);
                }
            } catch (CrmException e) {
                crmFailed(crm, status, e, "write");
            } catch (RuntimeException e) {
                status.failed(clock.instant(), "work: " + e.getMessage());
                LOG.warnf("%s inbox/outbox round failed, will retry: %s", crm, e.toString());
            }
        } finally {
            workLock.unlock();
        }
    }

    private volatile boolean announced;
    private final java.util.concurrent.atomic.AtomicLong writtenSinceAnnounced = new java.util.concurrent.atomic.AtomicLong();

    /** Says once, when the first backlog has been written, what the sync did (so a newcomer sees the loop close). */
    private void announce(Crm crm, int written) {
        long total = writtenSinceAnnounced.addAndGet(written);
        if (announced || store.due(crm).await().atMost(DB).count() > 0) {
            return;
        }
        announced = true;
        Row totals = store.pool().preparedQuery("SELECT count(*) FILTER (WHERE status = 'OPEN') AS open, "
                        + "count(*) FILTER (WHERE status = 'OPEN' AND over_staged) AS over, count(*) FILTER (WHERE stage_skip) AS skips "
                        + "FROM opportunity_state WHERE crm = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(crm.name())).await().atMost(DB).iterator().next();
        LOG.infof("%s sync caught up: wrote the qualified fields of %,d opportunities; %,d of %,d open opportunities are over-staged, %,d had a stage "
                + "jump that skipped criteria. Status: /api/sync, one record: /api/opportunities/%s/{id}", crm, total, totals.getLong("over"),
                totals.getLong("open"), totals.getLong("skips"), crm.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Reads the records of pushed events and processes them like a poll page. */
    void drainInbox(Crm crm) {
        CrmGateway gateway = gateway(crm);
        while (true) {
            List<SyncStore.InboxRow> rows = store.claimInbox(crm, config.inboxBatch(), Duration.ofMinutes(2)).await().atMost(DB);
            if (rows.isEmpty()) {
                return;
            }
            Set<String> ids = new LinkedHashSet<>();
            List<Long> rowIds = new ArrayList<>();
            for (SyncStore.InboxRow row : rows) {
                ids.addAll(row.recordIds());
                rowIds.add(row.id());
            }
            try {
                Instant readAt = clock.instant();
                List<CrmOpportunity> records = gateway.read(playbook.current().playbook(), new ArrayList<>(ids));
                processPage(crm, records, readAt, "push", SyncStore.Progress.inbox(rowIds));
                statuses.get(crm).inboxEventsProcessed.addAndGet(rows.size());
            } catch (CrmException e) {
                Instant retry = clock.instant().plus(backoff(rows.get(0).attempts()));
                if (e instanceof CrmException.QuotaExhausted) {
                    retry = ((CrmException.QuotaExhausted) e).resumeAt();
                }
                store.inboxFailed(rows, e.getMessage(), retry, config.maxAttempts()).await().atMost(DB);
                throw e;
            }
            if (rows.size() < config.inboxBatch()) {
                return;
            }
        }
    }

    /**
     * Writes due outbox rows. Partial batches wait up to two seconds for more rows (a page being processed), unless
     * {@code flush}; every call the gateway makes carries full batches where the queue allows it.
     */
    public int relay(Crm crm, boolean flush) {
        CrmGateway gateway = gateway(crm);
        CrmSyncStatus status = statuses.get(crm);
        int batch = crm == Crm.SALESFORCE ? 200 : 100;
        int written = 0;
        store.reclaimExpired(crm).await().atMost(DB);
        while (true) {
            SyncStore.Due due = store.due(crm).await().atMost(DB);
            if (due.count() == 0) {
                return written;
            }
            long limit = Math.min(config.relayBatch(), due.count());
            if (limit >= batch) {
                limit = limit / batch * batch;
            } else if (!flush && due.oldestSeconds() < FLUSH_AFTER_SECONDS) {
                return written;
            }
            List<SyncStore.OutboxRow> rows = store.claim(crm, (int) limit, instanceId, config.lease()).await().atMost(DB);
            if (rows.isEmpty()) {
                return written;
            }
            written += writeClaimed(crm, gateway, status, rows);
        }
    }

    private int writeClaimed(Crm crm, CrmGateway gateway, CrmSyncStatus status, List<SyncStore.OutboxRow> rows) {
        List<SyncStore.Outcome> outcomes = new ArrayList<>(rows.size());
        List<SyncStore.OutboxRow> toWrite = new ArrayList<>(rows.size());
        try {
            List<SyncStore.OutboxRow> inDoubt = new ArrayList<>();
            for (SyncStore.OutboxRow row : rows) {
                (row.inDoubt() ? inDoubt : toWrite).add(row);
            }
            if (!inDoubt.isEmpty()) {
                // a relay died while writing these: what landed is not written again
                Map<String, CrmOpportunity> current = new LinkedHashMap<>();
                List<String> ids = new ArrayList<>();
                inDoubt.forEach(row -> ids.add(row.opportunityId()));
                for (CrmOpportunity record : gateway.read(playbook.current().playbook(), ids)) {
                    current.put(record.id(), record);
                }
                for (SyncStore.OutboxRow row : inDoubt) {
                    CrmOpportunity record = current.get(row.opportunityId());
                    if (record != null && OutputValues.same(row.outputs(), record.fields())) {
                        outcomes.add(new SyncStore.Outcome(row, "WRITTEN", null, null, null));
                        status.writesVerifiedWithoutWriting.incrementAndGet();
                    } else {
                        toWrite.add(row);
                    }
                }
            }
            List<FieldUpdate> updates = new ArrayList<>(toWrite.size());
            for (SyncStore.OutboxRow row : toWrite) {
                updates.add(new FieldUpdate(row.opportunityId(), row.outputs()));
            }
            List<WriteOutcome> results = updates.isEmpty() ? List.of() : gateway.write(updates);
            Instant now = clock.instant();
            for (int i = 0; i < toWrite.size(); i++) {
                SyncStore.OutboxRow row = toWrite.get(i);
                WriteOutcome result = i < results.size() ? results.get(i) : new WriteOutcome(row.opportunityId(), WriteOutcome.Status.RETRY, null,
                        "no result for this record");
                switch (result.status()) {
                    case WRITTEN:
                        outcomes.add(new SyncStore.Outcome(row, "WRITTEN", null, null, null));
                        status.recordsWritten.incrementAndGet();
                        break;
                    case RETRY:
                        status.writeRetries.incrementAndGet();
                        if (row.attempts() >= config.maxAttempts()) {
                            outcomes.add(new SyncStore.Outcome(row, "DEAD", null, result.code(), "gave up after " + row.attempts() + " attempts: "
                                    + result.message()));
                            status.deadLetters.incrementAndGet();
                        } else {
                            outcomes.add(new SyncStore.Outcome(row, "PENDING", now.plus(backoff(row.attempts())), result.code(), result.message()));
                        }
                        break;
                    default:
                        outcomes.add(new SyncStore.Outcome(row, "DEAD", null, result.code(), result.message()));
                        status.deadLetters.incrementAndGet();
                        LOG.warnf("%s refused the qualified fields of %s: %s %s (dead-lettered; the rest goes on)", crm, row.opportunityId(),
                                result.code(), result.message());
                        break;
                }
            }
            store.record(crm, outcomes).await().atMost(DB);
            status.succeeded(now);
            return (int) outcomes.stream().filter(outcome -> outcome.status().equals("WRITTEN")).count();
        } catch (CrmException.Retryable e) {
            Instant now = clock.instant();
            List<SyncStore.Outcome> retry = new ArrayList<>(outcomes);
            for (SyncStore.OutboxRow row : rows) {
                if (retry.stream().noneMatch(outcome -> outcome.row().id() == row.id())) {
                    Duration wait = backoff(row.attempts());
                    if (e.retryAfter().compareTo(wait) > 0) {
                        wait = e.retryAfter();
                    }
                    retry.add(row.attempts() >= config.maxAttempts()
                            ? new SyncStore.Outcome(row, "DEAD", null, e.crmCode(), "gave up after " + row.attempts() + " attempts: " + e.getMessage())
                            : new SyncStore.Outcome(row, "PENDING", now.plus(wait), e.crmCode(), e.getMessage()));
                }
            }
            store.record(crm, retry).await().atMost(DB);
            throw e;
        } catch (CrmException e) {
            Instant at = e instanceof CrmException.QuotaExhausted ? ((CrmException.QuotaExhausted) e).resumeAt() : clock.instant().plus(FATAL_RETRY);
            List<SyncStore.OutboxRow> release = new ArrayList<>();
            for (SyncStore.OutboxRow row : rows) {
                if (outcomes.stream().noneMatch(outcome -> outcome.row().id() == row.id())) {
                    release.add(row);
                }
            }
            store.record(crm, outcomes).await().atMost(DB);
            store.release(release, at).await().atMost(DB);
            throw e;
        }
    }

    /** Exponential backoff with full jitter between half and all of the step, capped. */
    Duration backoff(int attempts) {
        long base = config.backoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long step = Math.min(cap, base << Math.min(20, Math.max(0, attempts - 1)));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    private boolean parked(CrmSyncStatus status, Instant now) {
        Instant until = status.parkedUntil;
        return until != null && until.isAfter(now);
    }

    private void crmFailed(Crm crm, CrmSyncStatus status, CrmException e, String what) {
        Instant now = clock.instant();
        status.failed(now, what + ": " + e.getMessage());
        if (e instanceof CrmException.QuotaExhausted) {
            status.parkedUntil = ((CrmException.QuotaExhausted) e).resumeAt();
            LOG.warnf("%s API quota nearly used up: sync parked until %s (%s)", crm, status.parkedUntil, e.getMessage());
        } else if (e instanceof CrmException.Fatal) {
            status.fatal = e.getMessage();
            status.setupCheckedFor = null;
            LOG.errorf("%s sync stopped until an admin fixes this (retrying every %d min): %s", crm, FATAL_RETRY.toMinutes(), e.getMessage());
        } else {
            LOG.warnf("%s %s failed, will retry with backoff: %s", crm, what, e.getMessage());
        }
    }

    // --- admin ---------------------------------------------------------------------------------------------------

    /** Starts a reconciliation sweep now (re-read and re-evaluate every opportunity). */
    public void requestSweep(Crm crm, String actor) {
        store.startSweep(crm, clock.instant()).await().atMost(DB);
        store.audit(actor, "sweep.requested", crm, Map.of()).await().atMost(DB);
    }

    /** Queues dead letters again (all of the CRM's, or the given outbox ids). */
    public int replayDeadLetters(Crm crm, List<Long> ids, String actor) {
        int replayed = store.replayDead(crm, ids).await().atMost(DB);
        store.audit(actor, "dead-letters.replayed", crm, Map.of("count", replayed, "ids", ids == null ? List.of() : ids)).await().atMost(DB);
        return replayed;
    }

    public SyncStore store() {
        return store;
    }
}

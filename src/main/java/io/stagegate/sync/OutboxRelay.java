package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.WriteOutcome;
import io.stagegate.playbook.ActivePlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The outbox relay, on every instance: claims due outbox rows with SKIP LOCKED and writes them in the CRM's largest
 * batches. Rows a dead relay left in doubt are read back first, so that what landed is not written again.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration DB = Duration.ofSeconds(60);
    /** A partial write batch waits this long for more rows before it is sent anyway. */
    private static final double FLUSH_AFTER_SECONDS = 2.0;

    private final SyncConfig config;
    private final SyncTargets targets;
    private final ActivePlaybook playbook;
    private final OutboxStore outbox;
    private final SyncStore store;
    private final SyncStatuses statuses;
    private final Clock clock;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName();
    /** One relay round at a time in this process, so that rows it holds as SENDING outside a round are orphans. */
    private final ReentrantLock round = new ReentrantLock();
    /** Whether rows claimed by this instance may be left SENDING with no write in flight (at start, after a failed round). */
    private volatile boolean orphansPossible = true;
    private volatile boolean announced;

    public OutboxRelay(SyncConfig config, SyncTargets targets, ActivePlaybook playbook, OutboxStore outbox, SyncStore store, SyncStatuses statuses,
            Clock clock) {
        this.config = config;
        this.targets = targets;
        this.playbook = playbook;
        this.outbox = outbox;
        this.store = store;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** This instance, as it claims outbox rows. */
    String instanceId() {
        return instanceId;
    }

    /**
     * Writes due outbox rows. Partial batches wait up to two seconds for more rows (a page being processed), unless
     * {@code flush}; every call the gateway makes carries full batches where the queue allows it.
     */
    int relay(Crm crm, boolean flush) {
        round.lock();
        try {
            return relayRound(crm, flush);
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException e) {
            // the database went away mid-round: rows claimed in it may be SENDING with no write in flight
            orphansPossible = true;
            throw e;
        } finally {
            round.unlock();
        }
    }

    private int relayRound(Crm crm, boolean flush) {
        CrmGateway gateway = targets.gateway(crm);
        CrmSyncStatus status = statuses.of(crm);
        int batch = gateway.writeBatchSize();
        int written = 0;
        if (orphansPossible) {
            int released = outbox.releaseOrphans(crm, instanceId).await().atMost(DB);
            orphansPossible = false;
            if (released > 0) {
                LOG.infof("%s: %,d outbox rows this instance had claimed when its round failed are due again (read before written)", crm, released);
            }
        }
        outbox.reclaimExpired(crm).await().atMost(DB);
        while (true) {
            OutboxStore.Due due = outbox.due(crm).await().atMost(DB);
            if (due.count() == 0) {
                return written;
            }
            long limit = Math.min(config.relayBatch(), due.count());
            if (limit >= batch) {
                limit = limit / batch * batch;
            } else if (!flush && due.oldestSeconds() < FLUSH_AFTER_SECONDS) {
                return written;
            }
            List<OutboxStore.OutboxRow> rows = outbox.claim(crm, (int) limit, instanceId, config.lease()).await().atMost(DB);
            if (rows.isEmpty()) {
                return written;
            }
            written += writeClaimed(crm, gateway, status, rows);
        }
    }

    /**
     * Says once, when the sync first has nothing left to read or write, what it did (so a newcomer sees the loop
     * close). Only the poll leader can tell that the backlog has been read ({@code backlogRead}); the figures are the
     * whole sync's, whichever instances wrote.
     */
    void announceIfCaughtUp(Crm crm, boolean backlogRead) {
        if (announced || !backlogRead) {
            return;
        }
        if (outbox.unfinished(crm).await().atMost(DB) > 0) {
            return;
        }
        announced = true;
        OutboxStore.Written written = outbox.written(crm).await().atMost(DB);
        SyncStore.Totals totals = store.totals(crm).await().atMost(DB);
        String wrote = written.shadow() > 0 && written.records() == 0
                ? String.format("shadow mode, nothing written: %,d opportunities would get new qualified fields", written.shadow())
                : String.format("wrote the qualified fields of %,d opportunities", written.records());
        LOG.infof("%s sync caught up: %s; %,d of %,d open opportunities are over-staged, %,d had a stage jump that skipped criteria. "
                + "Status: /api/sync, one record: /api/opportunities/%s/{id}", crm, wrote, totals.overStaged(), totals.open(), totals.skips(),
                crm.name().toLowerCase(Locale.ROOT));
    }

    private int writeClaimed(Crm crm, CrmGateway gateway, CrmSyncStatus status, List<OutboxStore.OutboxRow> rows) {
        List<OutboxStore.Outcome> outcomes = new ArrayList<>(rows.size());
        List<OutboxStore.OutboxRow> toWrite = new ArrayList<>(rows.size());
        try {
            List<OutboxStore.OutboxRow> inDoubt = new ArrayList<>();
            for (OutboxStore.OutboxRow row : rows) {
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
                for (OutboxStore.OutboxRow row : inDoubt) {
                    CrmOpportunity record = current.get(row.opportunityId());
                    if (record != null && OutputValues.same(row.outputs(), record.fields())) {
                        outcomes.add(new OutboxStore.Outcome(row, "WRITTEN", null, null, null));
                        status.writesVerifiedWithoutWriting.incrementAndGet();
                    } else {
                        toWrite.add(row);
                    }
                }
            }
            List<FieldUpdate> updates = new ArrayList<>(toWrite.size());
            for (OutboxStore.OutboxRow row : toWrite) {
                updates.add(new FieldUpdate(row.opportunityId(), row.outputs()));
            }
            List<WriteOutcome> results = updates.isEmpty() ? List.of() : gateway.write(updates);
            Instant now = clock.instant();
            for (int i = 0; i < toWrite.size(); i++) {
                OutboxStore.OutboxRow row = toWrite.get(i);
                WriteOutcome result = i < results.size() ? results.get(i) : new WriteOutcome(row.opportunityId(), WriteOutcome.Status.RETRY, null,
                        "no result for this record");
                switch (result.status()) {
                    case WRITTEN:
                        outcomes.add(new OutboxStore.Outcome(row, "WRITTEN", null, null, null));
                        status.recordsWritten.incrementAndGet();
                        break;
                    case RETRY:
                        status.writeRetries.incrementAndGet();
                        if (row.attempts() >= config.maxAttempts()) {
                            outcomes.add(new OutboxStore.Outcome(row, "DEAD", null, result.code(), "gave up after " + row.attempts() + " attempts: "
                                    + result.message()));
                            status.deadLetters.incrementAndGet();
                        } else {
                            outcomes.add(new OutboxStore.Outcome(row, "PENDING", now.plus(Backoff.after(config, row.attempts())), result.code(), result.message()));
                        }
                        break;
                    default:
                        outcomes.add(new OutboxStore.Outcome(row, "DEAD", null, result.code(), result.message()));
                        status.deadLetters.incrementAndGet();
                        LOG.warnf("%s refused the qualified fields of %s: %s %s (dead-lettered; the rest goes on)", crm, row.opportunityId(),
                                result.code(), result.message());
                        break;
                }
            }
            outbox.record(crm, outcomes).await().atMost(DB);
            status.succeeded(now);
            return (int) outcomes.stream().filter(outcome -> outcome.status().equals("WRITTEN")).count();
        } catch (CrmException.Retryable e) {
            Instant now = clock.instant();
            List<OutboxStore.Outcome> retry = new ArrayList<>(outcomes);
            for (OutboxStore.OutboxRow row : rows) {
                if (retry.stream().noneMatch(outcome -> outcome.row().id() == row.id())) {
                    Duration wait = Backoff.after(config, row.attempts());
                    if (e.retryAfter().compareTo(wait) > 0) {
                        wait = e.retryAfter();
                    }
                    retry.add(row.attempts() >= config.maxAttempts()
                            ? new OutboxStore.Outcome(row, "DEAD", null, e.crmCode(), "gave up after " + row.attempts() + " attempts: " + e.getMessage())
                            : new OutboxStore.Outcome(row, "PENDING", now.plus(wait), e.crmCode(), e.getMessage()));
                }
            }
            outbox.record(crm, retry).await().atMost(DB);
            throw e;
        } catch (CrmException e) {
            Instant at = e instanceof CrmException.QuotaExhausted quota ? quota.resumeAt() : clock.instant().plus(SyncStatuses.FATAL_RETRY);
            List<OutboxStore.OutboxRow> release = new ArrayList<>();
            for (OutboxStore.OutboxRow row : rows) {
                if (outcomes.stream().noneMatch(outcome -> outcome.row().id() == row.id())) {
                    release.add(row);
                }
            }
            outbox.record(crm, outcomes).await().atMost(DB);
            outbox.release(release, at).await().atMost(DB);
            throw e;
        }
    }
}

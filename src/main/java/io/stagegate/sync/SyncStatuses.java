package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** What this instance's sync jobs know of each CRM, and how a CRM's failure parks or stops them. */
@ApplicationScoped
public class SyncStatuses {
    private static final Logger LOG = Logger.getLogger(SyncStatuses.class);
    /** How long a fatal failure (setup, credentials) stops the work before it is tried again. */
    static final Duration FATAL_RETRY = Duration.ofMinutes(5);

    private final Map<Crm, CrmSyncStatus> statuses = new EnumMap<>(Crm.class);
    private final Clock clock;

    public SyncStatuses(Clock clock) {
        this.clock = clock;
        for (Crm crm : Crm.values()) {
            statuses.put(crm, new CrmSyncStatus());
        }
    }

    public CrmSyncStatus of(Crm crm) {
        return statuses.get(crm);
    }

    /** Whether the CRM's quota parked the sync until later than {@code now}. */
    boolean parked(Crm crm, Instant now) {
        Instant until = statuses.get(crm).parkedUntil;
        return until != null && until.isAfter(now);
    }

    /** Whether inbox and outbox work waits: parked, stopped by a recent fatal failure, or the setup does not match. */
    boolean workWaits(Crm crm, Instant now) {
        CrmSyncStatus status = statuses.get(crm);
        return parked(crm, now) || status.fatal != null && status.lastFailureAt != null && status.lastFailureAt.plus(FATAL_RETRY).isAfter(now)
                || !status.setupProblems.isEmpty();
    }

    /** Records a failed call of {@code what} (poll, write): quota parks, fatal stops until fixed, the rest retries. */
    void crmFailed(Crm crm, CrmException e, String what) {
        CrmSyncStatus status = statuses.get(crm);
        status.failed(clock.instant(), what + ": " + e.getMessage());
        switch (e.kind()) {
            case QUOTA_EXHAUSTED -> {
                status.parkedUntil = ((CrmException.QuotaExhausted) e).resumeAt();
                LOG.warnf("%s API quota nearly used up: sync parked until %s (%s)", crm, status.parkedUntil, e.getMessage());
            }
            case FATAL -> {
                status.fatal = e.getMessage();
                status.setupCheckedFor = null;
                LOG.errorf("%s sync stopped until an admin fixes this (retrying every %d min): %s", crm, FATAL_RETRY.toMinutes(), e.getMessage());
            }
            case RETRYABLE -> LOG.warnf("%s %s failed, will retry with backoff: %s", crm, what, e.getMessage());
        }
    }

    /** Records a failure that is not the CRM's (database, bug): the job retries next round. */
    void failed(Crm crm, String what, RuntimeException e) {
        statuses.get(crm).failed(clock.instant(), what + ": " + e.getMessage());
    }
}

package io.stagegate.sync;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What this instance knows about one CRM's sync right now (for /api/sync, health and metrics). */
public final class CrmSyncStatus {
    volatile Instant lastPollStartedAt;
    volatile Instant lastPollCompletedAt;
    /** The upper bound of the last completed poll cycle: everything modified before it has been processed. */
    volatile Instant syncedUpTo;
    /**
     * What the last poll run read to its end settled ({@code PollWindow.settled}): every record stamped before it has
     * been processed. Kept in memory only: after a restart or a new leader, the first poll re-reads the whole overlap.
     */
    volatile Instant settled;
    volatile Instant lastSuccessAt;
    volatile Instant lastFailureAt;
    volatile String lastError;
    /** Credentials, permissions or configuration an admin must fix; polling and writing wait until it is fixed. */
    volatile String fatal;
    volatile List<String> setupProblems = List.of();
    volatile String setupCheckedFor;
    volatile Instant parkedUntil;
    volatile Instant lastSweepCompletedAt;
    volatile boolean sweeping;
    final AtomicLong recordsProcessed = new AtomicLong();
    final AtomicLong recordsWritten = new AtomicLong();
    final AtomicLong writesVerifiedWithoutWriting = new AtomicLong();
    final AtomicLong writeRetries = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong transitionsRecorded = new AtomicLong();
    final AtomicLong inboxEventsProcessed = new AtomicLong();

    public Instant lastPollCompletedAt() {
        return lastPollCompletedAt;
    }

    public Instant syncedUpTo() {
        return syncedUpTo;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    public String fatal() {
        return fatal;
    }

    public List<String> setupProblems() {
        return setupProblems;
    }

    public Instant parkedUntil() {
        return parkedUntil;
    }

    public boolean sweeping() {
        return sweeping;
    }

    public Instant lastSweepCompletedAt() {
        return lastSweepCompletedAt;
    }

    public long recordsProcessed() {
        return recordsProcessed.get();
    }

    public long recordsWritten() {
        return recordsWritten.get();
    }

    public long writesVerifiedWithoutWriting() {
        return writesVerifiedWithoutWriting.get();
    }

    public long writeRetries() {
        return writeRetries.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long transitionsRecorded() {
        return transitionsRecorded.get();
    }

    public long inboxEventsProcessed() {
        return inboxEventsProcessed.get();
    }

    /**
     * A call succeeded: the sync has recovered from what failed before, unless a quota park still runs (a call sent
     * before the park may answer after it began), so the failure's error and an expired park stop showing.
     * {@code lastFailureAt} stays, as the record of when the last failure happened.
     */
    void succeeded(Instant now) {
        lastSuccessAt = now;
        fatal = null;
        Instant parked = parkedUntil;
        if (parked != null && !parked.isAfter(now)) {
            parkedUntil = null;
            parked = null;
        }
        if (parked == null) {
            lastError = null;
        }
    }

    void failed(Instant now, String error) {
        lastFailureAt = now;
        lastError = error;
    }
}

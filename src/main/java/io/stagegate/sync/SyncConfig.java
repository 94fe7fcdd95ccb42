package io.stagegate.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The sync engine: how often it polls, relays, sweeps and snapshots, and whether it writes back. */
@ConfigMapping(prefix = "stagegate.sync")
public interface SyncConfig {

    /** Write-back: {@code shadow} records what would be written and writes nothing; {@code on} writes. */
    enum WriteBack { SHADOW, ON }

    /** Run the sync engine at all (the stateless API works without it). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Write-back mode. Default: {@code on} against the embedded sandbox, {@code shadow} against a configured CRM, so a
     * newly connected org is only read until an admin switches write-back on.
     */
    Optional<WriteBack> writeBack();

    /** A pilot: write back only opportunities of these pipelines / record types (playbook pipeline keys). Empty: all. */
    Optional<List<String>> writeBackPipelines();

    /** Run the schedules below (tests switch them off and drive the engine step by step). */
    @WithDefault("true")
    boolean scheduled();

    /** How long after start the first poll and work rounds run. */
    @WithDefault("2s")
    Duration startDelay();

    /** How often the poll leader reads changes. */
    @WithDefault("15s")
    Duration pollInterval();

    /** How often each instance looks for outbox and inbox work (work is also started right after a page commits). */
    @WithDefault("1s")
    Duration workInterval();

    /** How often the reconciliation sweep re-reads every opportunity and re-evaluates it with today's date. */
    @WithDefault("24h")
    Duration sweepInterval();

    /** Rows claimed by one relay round; the gateway splits them into the CRM's largest batches. */
    @WithDefault("1000")
    int relayBatch();

    /** Inbox events claimed by one worker round (their records are read in as few calls as the CRM allows). */
    @WithDefault("200")
    int inboxBatch();

    /** How long a claimed outbox batch stays with its relay before another instance may take it over. */
    @WithDefault("5m")
    Duration lease();

    /** Attempts before a write that keeps failing transiently is dead-lettered. */
    @WithDefault("12")
    int maxAttempts();

    /** First retry delay; doubled per attempt with jitter, capped at {@link #maxBackoff()}. */
    @WithDefault("5s")
    Duration backoff();

    @WithDefault("15m")
    Duration maxBackoff();

    /**
     * A poll or sweep asked for through the API while one runs, or within this long after the last one started, is
     * not started again (the answer says what runs and since when).
     */
    @WithDefault("10s")
    Duration manualCooldown();

    /** How long a poll leader may hold the lock before re-checking its connection. */
    @WithDefault("10s")
    Duration leaderCheck();
}

package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls and sweeps that a person (or a script) asks for through the API. One that is running, or started less than
 * {@code stagegate.sync.manual-cooldown} ago, is not started again: the caller learns what runs and since when. A page
 * that fires the endpoint in a loop, or an impatient double click, then costs no CRM quota.
 */
@ApplicationScoped
public class ManualRuns {
    /**
     * What became of a request: {@code started} false means it was coalesced with the run of {@code since} (still
     * {@code running} or not); {@code led} says whether a poll that was started found this instance leading.
     */
    public record Outcome(boolean started, boolean led, boolean running, Instant since, Duration cooldown) {
    }

    private enum Kind { POLL, SWEEP }

    private record Key(Crm crm, Kind kind) {
    }

    private record Run(Instant startedAt, boolean running) {
    }

    private final SyncEngine engine;
    private final SyncStore store;
    private final Clock clock;
    private final Duration cooldown;
    private final Map<Key, Run> runs = new ConcurrentHashMap<>();

    public ManualRuns(SyncEngine engine, SyncStore store, Clock clock, SyncConfig config) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.cooldown = config.manualCooldown();
    }

    /** Polls now and writes what is due, unless a manual poll runs or ran moments ago; a poll started is audited. */
    public Outcome poll(Crm crm, String actor) {
        Key key = new Key(crm, Kind.POLL);
        Run claimed = claim(key);
        if (claimed == null) {
            return coalesced(key);
        }
        boolean led;
        try {
            store.audit(actor, "poll.requested", crm, Map.of()).await().atMost(Duration.ofSeconds(30));
            led = engine.pollCycle(crm);
            engine.workRound(crm);
        } finally {
            runs.put(key, new Run(claimed.startedAt(), false));
        }
        return new Outcome(true, led, false, claimed.startedAt(), cooldown);
    }

    /** Requests a sweep, unless one is running or was requested moments ago. */
    public Outcome sweep(Crm crm, String actor) {
        Key key = new Key(crm, Kind.SWEEP);
        if (engine.status(crm).sweeping()) {
            Run last = runs.get(key);
            return new Outcome(false, false, true, last == null ? null : last.startedAt(), cooldown);
        }
        Run claimed = claim(key);
        if (claimed == null) {
            return coalesced(key);
        }
        engine.requestSweep(crm, actor);
        runs.put(key, new Run(claimed.startedAt(), false));
        return new Outcome(true, false, false, claimed.startedAt(), cooldown);
    }

    /** The new run, or null when one is running or started within the cooldown (decided atomically per key). */
    private Run claim(Key key) {
        Instant now = clock.instant();
        Run[] claimed = new Run[1];
        runs.compute(key, (k, last) -> {
            if (last != null && (last.running() || last.startedAt().plus(cooldown).isAfter(now))) {
                return last;
            }
            claimed[0] = new Run(now, true);
            return claimed[0];
        });
        return claimed[0];
    }

    private Outcome coalesced(Key key) {
        Run last = runs.get(key);
        return new Outcome(false, false, last != null && last.running(), last == null ? null : last.startedAt(), cooldown);
    }
}

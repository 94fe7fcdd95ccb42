package io.stagegate.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The door every sandbox API call passes: it counts the call, adds the configured latency, enforces the daily quota
 * and the burst limit, and injects random faults. Framework-free and thread-safe; one per sandbox.
 */
public final class SandboxGate {
    private static final int TRAIL = 4;
    private final Map<SandboxCrm, Door> doors = new EnumMap<>(SandboxCrm.class);
    private final Random random;

    /** Quota state after an admitted call, for the CRM's usage headers. */
    public record Usage(long used, long limit) {
    }

    /** What one simulated CRM has served since the last reset. */
    public record Stats(long calls, long refused, long recordsRead, long recordsWritten, long quotaUsed, long quotaLimit,
            Map<String, Long> callsByEndpoint, Map<String, Long> faultsInjected, Map<String, ClientWrites> writesByClient) {
    }

    /**
     * Record updates made through the API by one client (Salesforce's {@code Sforce-Call-Options: client=...}): how many,
     * of how many distinct records, and how many changed nothing at all (every value sent was already held: a
     * duplicate write).
     */
    public record ClientWrites(long updates, long records, long unchanged) {
    }

    private static final class Door {
        final AtomicReference<FaultSettings> settings;
        final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
        final Map<FaultKind, LongAdder> faults = new ConcurrentHashMap<>();
        final LongAdder calls = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder read = new LongAdder();
        final LongAdder written = new LongAdder();
        final AtomicLong quotaUsed = new AtomicLong();
        final Deque<Long> burst = new ArrayDeque<>();
        final Map<String, ClientTally> clients = new ConcurrentHashMap<>();

        Door(FaultSettings settings) {
            this.settings = new AtomicReference<>(settings);
        }
    }

    private static final class ClientTally {
        final Map<String, LongAdder> perRecord = new ConcurrentHashMap<>();
        /** The last few updates of each record, for a test that must explain a count (bounded: see TRAIL). */
        final Map<String, Deque<String>> trails = new ConcurrentHashMap<>();
        final LongAdder updates = new LongAdder();
        final LongAdder unchanged = new LongAdder();
    }

    public SandboxGate(FaultSettings salesforce, FaultSettings hubspot, long seed) {
        doors.put(SandboxCrm.SALESFORCE, new Door(salesforce));
        doors.put(SandboxCrm.HUBSPOT, new Door(hubspot));
        this.random = new Random(seed);
    }

    /**
     * Admits one API call to {@code endpoint} (a label such as {@code GET /query}), or throws the fault it must fail
     * with. Blocks for the configured latency.
     */
    public Usage admit(SandboxCrm crm, String endpoint) {
        Door door = doors.get(crm);
        FaultSettings settings = door.settings.get();
        door.calls.increment();
        door.byEndpoint.computeIfAbsent(endpoint, key -> new LongAdder()).increment();
        delay(settings);
        if (door.quotaUsed.get() >= settings.dailyQuota()) {
            throw refuse(door, crm, FaultKind.QUOTA_EXCEEDED);
        }
        if (!withinBurst(door, settings)) {
            throw refuse(door, crm, FaultKind.RATE_LIMIT);
        }
        long used = door.quotaUsed.incrementAndGet();
        FaultKind fault = randomFault(settings);
        if (fault != null) {
            if (fault == FaultKind.TIMEOUT) {
                sleep(settings.timeoutMs());
            }
            throw refuse(door, crm, fault);
        }
        return new Usage(used, settings.dailyQuota());
    }

    /** Admits a login (token endpoint): counted and delayed, but outside the API quota and never faulted. */
    public void admitLogin(SandboxCrm crm, String endpoint) {
        Door door = doors.get(crm);
        door.calls.increment();
        door.byEndpoint.computeIfAbsent(endpoint, key -> new LongAdder()).increment();
        delay(door.settings.get());
    }

    public Usage usage(SandboxCrm crm) {
        Door door = doors.get(crm);
        return new Usage(door.quotaUsed.get(), door.settings.get().dailyQuota());
    }

    public void recordsRead(SandboxCrm crm, long count) {
        doors.get(crm).read.add(count);
    }

    public void recordsWritten(SandboxCrm crm, long count) {
        doors.get(crm).written.add(count);
    }

    /** Counts one record update by an API client; {@code changedAnything} is false when it left every value as it was. */
    public void recordUpdated(SandboxCrm crm, String client, String recordId, boolean changedAnything) {
        ClientTally tally = doors.get(crm).clients.computeIfAbsent(client, key -> new ClientTally());
        tally.updates.increment();
        tally.perRecord.computeIfAbsent(recordId, key -> new LongAdder()).increment();
        if (!changedAnything) {
            tally.unchanged.increment();
        }
    }

    /**
     * Remembers what one update by an API client changed (the last {@value #TRAIL} per record), so that a test that
     * finds a record written too often can say which writes they were.
     */
    public void recordTrail(SandboxCrm crm, String client, String recordId, String change) {
        Deque<String> trail = doors.get(crm).clients.computeIfAbsent(client, key -> new ClientTally()).trails
                .computeIfAbsent(recordId, key -> new ArrayDeque<>(TRAIL));
        synchronized (trail) {
            if (trail.size() == TRAIL) {
                trail.removeFirst();
            }
            trail.addLast(change);
        }
    }

    /** The last updates of one record by {@code client}, oldest first. */
    public List<String> trail(SandboxCrm crm, String client, String recordId) {
        ClientTally tally = doors.get(crm).clients.get(client);
        Deque<String> trail = tally == null ? null : tally.trails.get(recordId);
        if (trail == null) {
            return List.of();
        }
        synchronized (trail) {
            return List.copyOf(trail);
        }
    }

    /** How often {@code client} updated each record since the last reset, by record id. */
    public Map<String, Long> updatesPerRecord(SandboxCrm crm, String client) {
        ClientTally tally = doors.get(crm).clients.get(client);
        Map<String, Long> counts = new TreeMap<>();
        if (tally != null) {
            tally.perRecord.forEach((id, count) -> counts.put(id, count.sum()));
        }
        return counts;
    }

    public FaultSettings settings(SandboxCrm crm) {
        return doors.get(crm).settings.get();
    }

    public void configure(SandboxCrm crm, FaultSettings settings) {
        doors.get(crm).settings.set(settings);
    }

    public Stats stats(SandboxCrm crm) {
        Door door = doors.get(crm);
        Map<String, Long> endpoints = new TreeMap<>();
        door.byEndpoint.forEach((endpoint, count) -> endpoints.put(endpoint, count.sum()));
        Map<String, Long> faults = new TreeMap<>();
        door.faults.forEach((kind, count) -> faults.put(kind.name(), count.sum()));
        Map<String, ClientWrites> clients = new TreeMap<>();
        door.clients.forEach((client, tally) -> clients.put(client, new ClientWrites(tally.updates.sum(), tally.perRecord.size(), tally.unchanged.sum())));
        return new Stats(door.calls.sum(), door.refused.sum(), door.read.sum(), door.written.sum(), door.quotaUsed.get(),
                door.settings.get().dailyQuota(), endpoints, faults, clients);
    }

    /** Clears counters and the quota, as if a new day began. Settings stay. */
    public void reset() {
        for (Door door : doors.values()) {
            door.byEndpoint.clear();
            door.faults.clear();
            door.clients.clear();
            door.calls.reset();
            door.refused.reset();
            door.read.reset();
            door.written.reset();
            door.quotaUsed.set(0);
            synchronized (door.burst) {
                door.burst.clear();
            }
        }
    }

    private SandboxFaultException refuse(Door door, SandboxCrm crm, FaultKind kind) {
        door.refused.increment();
        door.faults.computeIfAbsent(kind, key -> new LongAdder()).increment();
        return new SandboxFaultException(crm, kind);
    }

    private static boolean withinBurst(Door door, FaultSettings settings) {
        if (settings.burstLimit() == 0) {
            return true;
        }
        long now = System.nanoTime() / 1_000_000;
        synchronized (door.burst) {
            while (!door.burst.isEmpty() && door.burst.peekFirst() <= now - settings.burstWindowMs()) {
                door.burst.pollFirst();
            }
            if (door.burst.size() >= settings.burstLimit()) {
                return false;
            }
            door.burst.addLast(now);
            return true;
        }
    }

    private FaultKind randomFault(FaultSettings settings) {
        if (settings.rates().isEmpty()) {
            return null;
        }
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        double cumulative = 0;
        for (FaultKind kind : FaultKind.values()) {
            cumulative += settings.rate(kind);
            if (roll < cumulative) {
                return kind;
            }
        }
        return null;
    }

    private void delay(FaultSettings settings) {
        long jitter = 0;
        if (settings.jitterMs() > 0) {
            synchronized (random) {
                jitter = (long) (random.nextDouble() * settings.jitterMs());
            }
        }
        sleep(settings.latencyMs() + jitter);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

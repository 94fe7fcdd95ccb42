package io.stagegate.sandbox.hubspot;

import io.stagegate.sandbox.FaultSettings;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Admits each simulated API call through the {@link SandboxGate} and computes HubSpot's rate-limit headers from the
 * gate's quota and the calls admitted in the current burst window. The gate does not expose its burst window, so the
 * calls are counted here too; a reset of the gate's counters (the quota used going down) clears them, as it clears
 * the gate's window.
 */
@ApplicationScoped
class HubSpotCalls {
    /** The per-10-seconds limit shown when the sandbox enforces none (Professional and Enterprise plans). */
    static final int NOMINAL_BURST_LIMIT = 190;
    private static final long NOMINAL_WINDOW_MS = 10_000;

    private final SandboxGate gate;
    private final Deque<Long> admitted = new ArrayDeque<>();
    private final Deque<Long> searches = new ArrayDeque<>();
    private long lastUsed;
    private volatile int searchPerSecond;

    HubSpotCalls(SandboxGate gate, HubSpotSearchConfig search) {
        this.gate = gate;
        this.searchPerSecond = search.perSecond();
    }

    /** Admits a search call: the gate first, then search's own per-second limit. */
    void admitSearch(String endpoint) {
        admit(endpoint);
        int limit = searchPerSecond;
        if (limit <= 0) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        synchronized (searches) {
            while (!searches.isEmpty() && searches.peekFirst() <= now - 1_000) {
                searches.pollFirst();
            }
            if (searches.size() >= limit) {
                throw new SearchRateLimitException();
            }
            searches.addLast(now);
        }
    }

    /** Changes the search limit at run time (0 = unlimited). */
    void searchPerSecond(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the search limit must not be negative");
        }
        searchPerSecond = limit;
        synchronized (searches) {
            searches.clear();
        }
    }

    /** Counts, delays or refuses (throws the injected fault) one call, e.g. {@code GET /crm/v3/objects/deals}. */
    void admit(String endpoint) {
        SandboxGate.Usage usage = gate.admit(SandboxCrm.HUBSPOT, endpoint);
        long now = System.nanoTime() / 1_000_000;
        synchronized (admitted) {
            if (usage.used() <= lastUsed) {
                admitted.clear();
            }
            lastUsed = usage.used();
            admitted.addLast(now);
        }
    }

    void read(long records) {
        gate.recordsRead(SandboxCrm.HUBSPOT, records);
    }

    void written(long records) {
        gate.recordsWritten(SandboxCrm.HUBSPOT, records);
    }

    /**
     * Counts one deal update by an API client in the gate's per-client statistics, as a duplicate when it left every
     * stored value as it was (only {@code hs_lastmodifieddate}, which HubSpot bumps on every write, moved).
     */
    void updated(String client, StoredDeal before, StoredDeal after) {
        gate.recordUpdated(SandboxCrm.HUBSPOT, client, after.id(), before == null || changed(before, after));
    }

    private boolean changed(StoredDeal before, StoredDeal after) {
        // a write records history for every value it changed, and only for those
        return !before.history.equals(after.history);
    }

    /** Adds {@code X-HubSpot-RateLimit-*} (private-app flavour, with the daily pair). */
    void addRateLimitHeaders(MultivaluedMap<String, Object> headers) {
        FaultSettings settings = gate.settings(SandboxCrm.HUBSPOT);
        SandboxGate.Usage usage = gate.usage(SandboxCrm.HUBSPOT);
        long window = settings.burstLimit() > 0 && settings.burstWindowMs() > 0 ? settings.burstWindowMs() : NOMINAL_WINDOW_MS;
        int max = settings.burstLimit() > 0 ? settings.burstLimit() : NOMINAL_BURST_LIMIT;
        headers.putSingle("X-HubSpot-RateLimit-Daily", Long.toString(usage.limit()));
        headers.putSingle("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, usage.limit() - usage.used())));
        headers.putSingle("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(window));
        headers.putSingle("X-HubSpot-RateLimit-Max", Integer.toString(max));
        headers.putSingle("X-HubSpot-RateLimit-Remaining", Long.toString(Math.max(0, max - inWindow(window))));
    }

    private int inWindow(long windowMs) {
        long now = System.nanoTime() / 1_000_000;
        synchronized (admitted) {
            while (!admitted.isEmpty() && admitted.peekFirst() <= now - windowMs) {
                admitted.pollFirst();
            }
            return admitted.size();
        }
    }
}

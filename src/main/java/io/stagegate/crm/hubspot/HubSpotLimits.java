package io.stagegate.crm.hubspot;

import io.stagegate.crm.DailyQuota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * HubSpot's limits as this instance sees them (hubspot.md §6): the daily request limit and the ten-secondly burst window
 * from the {@code X-HubSpot-RateLimit-*} headers, and search's own per-second limit, which sends no headers and is
 * therefore paced here. Calls wait for a free slot instead of spending a 429; at the configured share of the daily
 * limit calling stops, and while stopped one call per check interval is let through to read the usage again.
 */
@ApplicationScoped
class HubSpotLimits {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final HubSpotConfig config;
    private final Sleeper sleeper;

    private final DailyQuota daily;
    /** The burst window as HubSpot last reported it. */
    private volatile Duration burstWindow = HubSpotErrors.BURST_WINDOW;
    /** No call before this (nanoTime): the burst window is used up. */
    private long burstFreeAt;
    /** When each of the last searches started (nanoTime), oldest first. */
    private final Deque<Long> searches = new ArrayDeque<>();
    private long searchFreeAt;

    /** Waiting, replaceable in tests that must not sleep. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;

        default long nanoTime() {
            return System.nanoTime();
        }
    }

    @Inject
    HubSpotLimits(HubSpotConfig config, Clock clock) {
        this(config, clock, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    HubSpotLimits(HubSpotConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        this.daily = new DailyQuota("HubSpot", HubSpotErrors.DAILY, clock, config.quotaStopShare(), config.quotaCheckInterval());
        this.burstFreeAt = sleeper.nanoTime();
        this.searchFreeAt = burstFreeAt;
    }

    // --- readings ------------------------------------------------------------------------------------------------

    /** The headers of one response (any of them may be absent: OAuth tokens get no daily pair, search none at all). */
    void record(String daily, String dailyRemaining, String intervalMs, String max, String remaining) {
        long dailyLimit = parse(daily);
        long dailyLeft = parse(dailyRemaining);
        if (dailyLimit > 0 && dailyLeft >= 0) {
            this.daily.record(dailyLimit - dailyLeft, dailyLimit);
        }
        long burstLeft = parse(remaining);
        long window = parse(intervalMs);
        if (window > 0) {
            burstWindow = Duration.ofMillis(window);
        }
        if (burstLeft == 0 && parse(max) > 0) {
            // the window is full: the next call waits until the oldest call of the window has left it
            blockBurst(burstWindow);
        }
    }

    /** A 429 TEN_SECONDLY_ROLLING (nothing more until the window has passed) or a 423 (the record is locked for 2 s). */
    void pause(Duration wait) {
        blockBurst(wait);
    }

    /** The ten-secondly window's length, as the headers last said (10 s until they have). */
    Duration burstWindow() {
        return burstWindow;
    }

    /** A 429 "secondly limit" on search: no search for a second. */
    synchronized void searchLimited() {
        searchFreeAt = later(searchFreeAt, sleeper.nanoTime() + SECOND.toNanos());
    }

    private synchronized void blockBurst(Duration window) {
        burstFreeAt = later(burstFreeAt, sleeper.nanoTime() + window.toNanos());
    }

    // --- pacing --------------------------------------------------------------------------------------------------

    /** Waits until the burst window has room. */
    void awaitBurst() {
        long wait;
        synchronized (this) {
            wait = burstFreeAt - sleeper.nanoTime();
        }
        pause(wait);
    }

    /** Waits until a search keeps within the per-second limit, and books it. */
    void awaitSearch() {
        int perSecond = Math.max(1, config.searchPerSecond());
        while (true) {
            long wait;
            synchronized (this) {
                long now = sleeper.nanoTime();
                while (!searches.isEmpty() && searches.peekFirst() <= now - SECOND.toNanos()) {
                    searches.pollFirst();
                }
                wait = searchFreeAt - now;
                if (wait <= 0 && searches.size() >= perSecond) {
                    wait = searches.peekFirst() + SECOND.toNanos() - now;
                }
                if (wait <= 0) {
                    searches.addLast(now);
                    return;
                }
            }
            pause(wait);
        }
    }

    private void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            sleeper.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for HubSpot's rate limit", e);
        }
    }

    // --- the daily share ------------------------------------------------------------------------------------------

    /** The daily limit's share and the stop at it, shared with the other connectors. */
    DailyQuota daily() {
        return daily;
    }

    synchronized void reset() {
        daily.reset();
        burstFreeAt = sleeper.nanoTime();
        searchFreeAt = burstFreeAt;
        searches.clear();
        burstWindow = HubSpotErrors.BURST_WINDOW;
    }

    /** The later of two {@link System#nanoTime()} readings (compared by difference, as nanoTime requires). */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    private static long parse(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

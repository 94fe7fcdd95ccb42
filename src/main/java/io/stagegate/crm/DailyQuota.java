package io.stagegate.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A CRM's daily API request quota as the CRM last reported it, and the decision to stop calling at a configured share
 * of it. Every connector keeps one: the CRM's own headers or endpoints feed {@link #record}, a quota error feeds
 * {@link #exhausted}. While stopped, one check per interval is let through ({@link #bookCheck}) to read the usage
 * again, so a connector neither spends the quota other integrations share nor polls blindly until the day resets.
 */
public final class DailyQuota {
    private final String crm;
    private final String limitCode;
    private final Clock clock;
    private final double stopShare;
    private final Duration checkInterval;

    private long used = -1;
    private long max = -1;
    private Instant nextCheck = Instant.MIN;

    /**
     * @param crm the CRM's name as messages spell it ("Salesforce")
     * @param limitCode the CRM's error code for a used-up daily quota, carried by {@link #stopped()}
     * @param stopShare the share of the quota (0–1) at which calling stops
     * @param checkInterval how often, while stopped, usage may be checked again
     */
    public DailyQuota(String crm, String limitCode, Clock clock, double stopShare, Duration checkInterval) {
        if (!(stopShare > 0 && stopShare <= 1)) {
            throw new IllegalArgumentException(setting(crm, "QUOTA_STOP_SHARE") + " must be above 0 and at most 1, was " + stopShare);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException(setting(crm, "QUOTA_CHECK_INTERVAL") + " must be positive, was " + checkInterval);
        }
        this.crm = crm;
        this.limitCode = limitCode;
        this.clock = clock;
        this.stopShare = stopShare;
        this.checkInterval = checkInterval;
    }

    private static String setting(String crm, String name) {
        return "STAGEGATE_" + crm.toUpperCase(Locale.ROOT) + "_" + name;
    }

    /** Usage as the CRM reported it; a reading without a positive maximum, or with negative usage, is ignored. */
    public synchronized void record(long used, long max) {
        if (max > 0 && used >= 0) {
            this.used = used;
            this.max = max;
        }
    }

    /** The CRM answered that the daily quota is used up: stopped until the next check, whatever was reported before. */
    public synchronized void exhausted() {
        if (max > 0) {
            used = max;
        } else {
            used = 1;
            max = 1;
        }
        nextCheck = clock.instant().plus(checkInterval);
    }

    /** Share of the daily quota used, 0–1; 0 until the CRM has reported usage. */
    public synchronized double share() {
        return max > 0 ? (double) used / max : 0;
    }

    public double stopShare() {
        return stopShare;
    }

    public synchronized boolean belowStop() {
        return share() < stopShare;
    }

    /** Whether a check is due while stopped; if so it is booked, so concurrent callers do not all check. */
    public synchronized boolean bookCheck() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return false;
        }
        nextCheck = now.plus(checkInterval);
        return true;
    }

    /** Whether a call may go out: below the stop share, or the one check of this interval (then booked). */
    public boolean mayCall() {
        return belowStop() || bookCheck();
    }

    /** When calling may be tried again. */
    public synchronized Instant nextCheck() {
        return nextCheck;
    }

    public synchronized String describe() {
        return max > 0 ? used + " of " + max + " daily API requests used" : "daily API usage unknown";
    }

    /** The refusal of a call while stopped: park until the next check. */
    public CrmException.QuotaExhausted stopped() {
        return new CrmException.QuotaExhausted("Stagegate stopped calling " + crm + " at " + describe() + " (stop share "
                + Math.round(stopShare * 100) + "%); it resumes when usage drops", limitCode, nextCheck());
    }

    /** Forgets what was reported (a new connection, e.g. after the configuration changed). */
    public synchronized void reset() {
        used = -1;
        max = -1;
        nextCheck = Instant.MIN;
    }
}

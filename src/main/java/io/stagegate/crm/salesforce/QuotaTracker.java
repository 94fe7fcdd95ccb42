package io.stagegate.crm.salesforce;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API usage as Salesforce last reported it ({@code Sforce-Limit-Info} on every response, or
 * {@code /limits}), and the decision to stop calling at the configured share of the quota. While stopped, usage is
 * re-checked with {@code /limits} at most once per check interval.
 */
@ApplicationScoped
class QuotaTracker {
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[\\s;,])api-usage=(\\d+)/(\\d+)");

    private final SalesforceConfig config;
    private final Clock clock;
    private long used = -1;
    private long max = -1;
    private Instant nextCheck = Instant.MIN;

    QuotaTracker(SalesforceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Parses {@code api-usage=used/max} (other entries such as {@code per-app-api-usage} are ignored). */
    void recordHeader(String value) {
        Matcher matcher = API_USAGE.matcher(value);
        if (matcher.find()) {
            record(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
    }

    synchronized void record(long used, long max) {
        if (max > 0 && used >= 0) {
            this.used = used;
            this.max = max;
        }
    }

    /** Salesforce answered that the daily quota is used up. */
    synchronized void exhausted() {
        if (max > 0) {
            used = max;
        } else {
            used = 1;
            max = 1;
        }
        nextCheck = clock.instant().plus(config.quotaCheckInterval());
    }

    /** Share of the daily quota used, 0–1; 0 until Salesforce has reported usage. */
    synchronized double share() {
        return max > 0 ? (double) used / max : 0;
    }

    double stopShare() {
        return config.quotaStopShare();
    }

    synchronized boolean belowStop() {
        return share() < config.quotaStopShare();
    }

    /** Whether a {@code /limits} check is due; if so it is booked, so concurrent callers do not all check. */
    synchronized boolean bookCheck() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return false;
        }
        nextCheck = now.plus(config.quotaCheckInterval());
        return true;
    }

    /** When calling may be tried again. */
    synchronized Instant nextCheck() {
        return nextCheck;
    }

    synchronized String describe() {
        return max > 0 ? used + " of " + max + " daily API requests used" : "daily API usage unknown";
    }

    synchronized void reset() {
        used = -1;
        max = -1;
        nextCheck = Instant.MIN;
    }
}

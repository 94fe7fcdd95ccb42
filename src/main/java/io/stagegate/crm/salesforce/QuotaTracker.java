package io.stagegate.crm.salesforce;

import io.stagegate.crm.DailyQuota;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API quota ({@link DailyQuota}, which decides when to stop) and how Salesforce reports it: the
 * {@code Sforce-Limit-Info} header of every response, or {@code /limits} while stopped.
 */
@ApplicationScoped
class QuotaTracker {
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[\\s;,])api-usage=(\\d+)/(\\d+)");

    private final DailyQuota daily;

    QuotaTracker(SalesforceConfig config, Clock clock) {
        this.daily = new DailyQuota("Salesforce", SalesforceErrors.REQUEST_LIMIT_EXCEEDED, clock, config.quotaStopShare(), config.quotaCheckInterval());
    }

    /** Parses {@code api-usage=used/max} (other entries such as {@code per-app-api-usage} are ignored). */
    void recordHeader(String value) {
        Matcher matcher = API_USAGE.matcher(value);
        if (matcher.find()) {
            daily.record(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
    }

    DailyQuota daily() {
        return daily;
    }
}

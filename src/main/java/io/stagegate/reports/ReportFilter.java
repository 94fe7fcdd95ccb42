package io.stagegate.reports;

import io.stagegate.criteria.Crm;
import io.stagegate.forecast.Period;
import java.util.Objects;

/** What a leader narrowed a report to: the CRM, and optionally one owner, pipeline, currency and period. */
public record ReportFilter(Crm crm, String owner, String pipeline, String currency, Period period) {
    public ReportFilter {
        Objects.requireNonNull(crm, "crm");
    }
}

package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 12: what a CRM failure leaves in the status ends with the first success after the sync has recovered. */
class SyncStatusesTest {
    private static final Instant T0 = Instant.parse("2026-12-03T15:00:00Z");

    private final SyncStatuses statuses = new SyncStatuses(Clock.fixed(T0, ZoneOffset.UTC));
    private final CrmSyncStatus status = statuses.of(Crm.SALESFORCE);

    @Test
    void aQuotaParkAndItsErrorEndWithTheFirstSuccessAfterTheQuotaRecovered() {
        Instant resumeAt = T0.plus(Duration.ofHours(1));
        statuses.crmFailed(Crm.SALESFORCE, new CrmException.QuotaExhausted("80 % of the daily API requests used", "REQUEST_LIMIT_EXCEEDED", resumeAt), "poll");
        assertThat(status.parkedUntil()).isEqualTo(resumeAt);
        assertThat(status.lastError()).isEqualTo("poll: 80 % of the daily API requests used");

        // a write batch sent before the park answers while the sync is parked: that is no recovery
        status.succeeded(T0.plusSeconds(1));
        assertThat(status.parkedUntil()).isEqualTo(resumeAt);
        assertThat(status.lastError()).isNotNull();
        assertThat(statuses.parked(Crm.SALESFORCE, T0.plusSeconds(2))).isTrue();

        status.succeeded(resumeAt.plusSeconds(15));
        assertThat(status.parkedUntil()).as("parkedUntil after the recovery").isNull();
        assertThat(status.lastError()).as("lastError after the recovery").isNull();
        assertThat(status.lastFailureAt()).as("when the last failure happened stays known").isEqualTo(T0);
        assertThat(status.lastSuccessAt()).isEqualTo(resumeAt.plusSeconds(15));
    }

    @Test
    void aRetryableFailuresErrorAndAFatalStopEndWithTheNextSuccess() {
        statuses.crmFailed(Crm.SALESFORCE, new CrmException.Retryable("503 Service Unavailable", "SERVER_UNAVAILABLE", null, null), "write");
        statuses.crmFailed(Crm.SALESFORCE, new CrmException.Fatal("INVALID_SESSION_ID", "INVALID_SESSION_ID", null), "poll");
        assertThat(status.lastError()).isEqualTo("poll: INVALID_SESSION_ID");
        assertThat(status.fatal()).isNotNull();

        status.succeeded(T0.plusSeconds(30));
        assertThat(status.lastError()).isNull();
        assertThat(status.fatal()).isNull();
        assertThat(status.parkedUntil()).isNull();
    }

    @Test
    void aFailureOfTheDatabaseEndsWithTheNextSuccessToo() {
        statuses.failed(Crm.SALESFORCE, "poll", new IllegalStateException("Connection refused"));
        assertThat(status.lastError()).isEqualTo("poll: Connection refused");
        status.succeeded(T0.plusSeconds(15));
        assertThat(status.lastError()).isNull();
    }
}

package io.stagegate.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The daily quota stop both connectors share, on a clock the test moves. */
class DailyQuotaTest {
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final DailyQuota quota = new DailyQuota("Salesforce", "REQUEST_LIMIT_EXCEEDED", clock, 0.8, Duration.ofMinutes(5));

    @Test
    void callsFreelyUntilUsageIsKnownAndBelowTheStopShare() {
        assertThat(quota.share()).isZero();
        assertThat(quota.describe()).isEqualTo("daily API usage unknown");
        assertThat(quota.mayCall()).isTrue();

        quota.record(799, 1000);

        assertThat(quota.share()).isEqualTo(0.799);
        assertThat(quota.belowStop()).isTrue();
        assertThat(quota.mayCall()).isTrue();
        assertThat(quota.nextCheck()).as("no check booked while below the stop").isEqualTo(Instant.MIN);
    }

    @Test
    void atTheStopShareOneCheckGoesThroughPerInterval() {
        quota.record(800, 1000);

        assertThat(quota.belowStop()).isFalse();
        assertThat(quota.mayCall()).as("the first check").isTrue();
        assertThat(quota.mayCall()).as("within the check interval").isFalse();
        now = now.plus(Duration.ofMinutes(5)).minusMillis(1);
        assertThat(quota.bookCheck()).isFalse();
        now = now.plusMillis(1);
        assertThat(quota.bookCheck()).as("the interval has passed").isTrue();
        assertThat(quota.nextCheck()).isEqualTo(now.plus(Duration.ofMinutes(5)));

        quota.record(10, 1000); // the day reset

        assertThat(quota.mayCall()).isTrue();
    }

    @Test
    void aQuotaErrorStopsUntilTheNextCheckEvenWithoutAReading() {
        quota.exhausted();

        assertThat(quota.share()).isEqualTo(1.0);
        assertThat(quota.mayCall()).isFalse();
        assertThat(quota.nextCheck()).isEqualTo(now.plus(Duration.ofMinutes(5)));

        quota.record(300, 1000);
        quota.exhausted();
        assertThat(quota.describe()).as("used up at the reported maximum").isEqualTo("1000 of 1000 daily API requests used");
    }

    @Test
    void theRefusalNamesTheCrmTheUsageTheStopShareAndWhenToResume() {
        quota.record(850, 1000);
        quota.bookCheck();

        CrmException.QuotaExhausted refusal = quota.stopped();

        assertThat(refusal.getMessage()).isEqualTo("Stagegate stopped calling Salesforce at 850 of 1000 daily API requests used (stop share 80%); "
                + "it resumes when usage drops");
        assertThat(refusal.crmCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refusal.resumeAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void readingsWithoutAMaximumOrWithNegativeUsageAreIgnored() {
        quota.record(900, 1000);

        quota.record(5, 0);
        quota.record(-1, 1000);

        assertThat(quota.share()).isEqualTo(0.9);
    }

    @Test
    void resetForgetsTheReadingAndTheBookedCheck() {
        quota.exhausted();

        quota.reset();

        assertThat(quota.share()).isZero();
        assertThat(quota.nextCheck()).isEqualTo(Instant.MIN);
        assertThat(quota.mayCall()).isTrue();
    }

    @Test
    void aStopShareOrIntervalOutOfRangeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DailyQuota("HubSpot", "DAILY", clock, 0, Duration.ofMinutes(5)))
                .hasMessage("STAGEGATE_HUBSPOT_QUOTA_STOP_SHARE must be above 0 and at most 1, was 0.0");
        assertThatThrownBy(() -> new DailyQuota("HubSpot", "DAILY", clock, 1.2, Duration.ofMinutes(5)))
                .hasMessageStartingWith("STAGEGATE_HUBSPOT_QUOTA_STOP_SHARE");
        assertThatThrownBy(() -> new DailyQuota("Salesforce", "REQUEST_LIMIT_EXCEEDED", clock, 0.8, Duration.ZERO))
                .hasMessage("STAGEGATE_SALESFORCE_QUOTA_CHECK_INTERVAL must be positive, was PT0S");
    }
}

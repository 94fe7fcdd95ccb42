package io.stagegate.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.testsupport.ConfigMappings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits read from HubSpot's headers and the pacing derived from them, on a fake clock that never sleeps. */
class HubSpotLimitsTest {
    private final HubSpotConfig config = ConfigMappings.of(HubSpotConfig.class, Map.of("stagegate.hubspot.search-per-second", "4",
            "stagegate.hubspot.quota-check-interval", "5m"));
    private long nanos = 1_000_000_000L;
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final List<Long> slept = new ArrayList<>();

    private final HubSpotLimits limits = new HubSpotLimits(config, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, new HubSpotLimits.Sleeper() {
        @Override
        public void sleepNanos(long wait) {
            slept.add(wait);
            nanos += wait;
        }

        @Override
        public long nanoTime() {
            return nanos;
        }
    });

    @Test
    void theFifthSearchWithinASecondWaitsForTheFirstToLeaveTheSecond() {
        for (int i = 0; i < 4; i++) {
            limits.awaitSearch();
            nanos += 10_000_000; // 10 ms apart
        }
        assertThat(slept).isEmpty();

        limits.awaitSearch();

        assertThat(slept).containsExactly(Duration.ofMillis(960).toNanos());
    }

    @Test
    void anEmptyBurstWindowMakesTheNextCallWaitForTheAnnouncedInterval() {
        limits.record(null, null, "10000", "190", "0");

        limits.awaitBurst();

        assertThat(slept).containsExactly(Duration.ofSeconds(10).toNanos());
        limits.awaitBurst();
        assertThat(slept).as("the window has passed").hasSize(1);
    }

    @Test
    void theDailyShareStopsCallingAndLetsOneProbeThroughPerInterval() {
        limits.record("1000", "150", "10000", "190", "100");

        assertThat(limits.daily().share()).isEqualTo(0.85);
        assertThat(limits.daily().belowStop()).isFalse();
        assertThat(limits.daily().mayCall()).as("the first probe").isTrue();
        assertThat(limits.daily().mayCall()).as("within the check interval").isFalse();
        now = now.plus(Duration.ofMinutes(5));
        assertThat(limits.daily().mayCall()).isTrue();
        limits.record("1000", "990", "10000", "190", "100"); // the day reset
        assertThat(limits.daily().belowStop()).isTrue();
    }

    @Test
    void aResponseWithoutTheDailyPairLeavesTheDailyReadingAlone() {
        limits.record("1000", "150", "10000", "190", "100");

        limits.record(null, null, "10000", "190", "100"); // an OAuth token response
        limits.record("1000", null, "10000", "190", "100");

        assertThat(limits.daily().share()).isEqualTo(0.85);
    }

    @Test
    void aDaily429ParksUntilTheNextCheckWithoutAProbeBefore() {
        limits.daily().exhausted();

        assertThat(limits.daily().share()).isEqualTo(1.0);
        assertThat(limits.daily().mayCall()).isFalse();
        assertThat(limits.daily().nextCheck()).isEqualTo(now.plus(Duration.ofMinutes(5)));
    }
}

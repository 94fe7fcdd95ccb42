package io.stagegate.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lenient readers behind every rule (package-private {@link Values}). */
class ValuesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    @Test
    void readsLocalDate() {
        assertThat(Values.asDate(DAY)).isEqualTo(DAY);
    }

    @Test
    void readsInstantInUtc() {
        assertThat(Values.asDate(Instant.parse("2026-11-26T23:59:59Z"))).isEqualTo(DAY);
        assertThat(Values.asDate(Instant.parse("2026-11-26T00:00:00Z"))).isEqualTo(DAY);
    }

    @Test
    void readsIsoDateString() {
        assertThat(Values.asDate("2026-11-26")).isEqualTo(DAY);
        assertThat(Values.asDate("  2026-11-26 ")).isEqualTo(DAY);
    }

    @Test
    void readsIsoInstantString() {
        assertThat(Values.asDate("2026-11-26T10:00:00Z")).isEqualTo(DAY);
    }

    @Test
    void readsSalesforceDateTimeString() {
        assertThat(Values.asDate("2026-11-26T10:00:00.000+0000")).isEqualTo(DAY);
    }

    @Test
    void readsIsoOffsetDateTimeString() {
        assertThat(Values.asDate("2026-11-26T10:00:00+01:00")).isEqualTo(DAY);
    }

    @Test
    void readsHubspotEpochMillisString() {
        long midnight = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(midnight).isEqualTo(1_795_651_200_000L);
        assertThat(Values.asDate(Long.toString(midnight))).isEqualTo(DAY);
        assertThat(Values.asDate(Long.toString(midnight + 86_399_999L))).isEqualTo(DAY);
        assertThat(Values.asDate(Long.toString(midnight - 1))).isEqualTo(DAY.minusDays(1));
    }

    @Test
    void readsOffsetAndLocalDateTimes() {
        assertThat(Values.asDate(OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.UTC))).isEqualTo(DAY);
        assertThat(Values.asDate(LocalDateTime.of(2026, 11, 26, 10, 0))).isEqualTo(DAY);
    }

    @Test
    void garbageDatesReadAsNullNeverThrow() {
        for (Object garbage : List.of("", "   ", "next week", "2026-13-45", "26/11/2026", "2026/11/26", "Z", "abc-1234",
                "2026-11-26T25:00:00Z", "2026-11-26T10:00:00.000+99", "12345678901234567890", Boolean.TRUE, new Object())) {
            assertThatCode(() -> Values.asDate(garbage)).as(String.valueOf(garbage)).doesNotThrowAnyException();
            assertThat(Values.asDate(garbage)).as(String.valueOf(garbage)).isNull();
        }
        assertThat(Values.asDate(null)).isNull();
    }

    @Test
    void outOfRangeInstantStringReadsAsNull() {
        assertThatCode(() -> Values.asDate("+1000000000-06-01T00:00:00Z")).doesNotThrowAnyException();
        assertThat(Values.asDate("+1000000000-06-01T00:00:00Z")).isNull();
    }

    @Test
    void offsetDateTimeStringIsReadInUtc() {
        assertThat(Values.asDate("2026-11-26T23:30:00.000-0500")).isEqualTo(DAY.plusDays(1));
        assertThat(Values.asDate(OffsetDateTime.of(2026, 11, 26, 23, 30, 0, 0, ZoneOffset.ofHours(-5)))).isEqualTo(DAY.plusDays(1));
    }

    @Test
    void readsBooleans() {
        assertThat(Values.asBoolean(Boolean.TRUE)).isTrue();
        assertThat(Values.asBoolean("true")).isTrue();
        assertThat(Values.asBoolean("Yes")).isTrue();
        assertThat(Values.asBoolean("false")).isFalse();
        assertThat(Values.asBoolean("")).isFalse();
        assertThat(Values.asBoolean("perhaps")).isNull();
        assertThat(Values.asBoolean(null)).isNull();
    }

    @Test
    void readsNumbers() {
        assertThat(Values.asNumber(new BigDecimal("12.50"))).isEqualByComparingTo("12.5");
        assertThat(Values.asNumber(12)).isEqualByComparingTo("12");
        assertThat(Values.asNumber(12L)).isEqualByComparingTo("12");
        assertThat(Values.asNumber(0.25d)).isEqualByComparingTo("0.25");
        assertThat(Values.asNumber(" 1234.5 ")).isEqualByComparingTo("1234.5");
        assertThat(Values.asNumber("1e3")).isEqualByComparingTo("1000");
    }

    @Test
    void garbageNumbersReadAsNull() {
        for (Object garbage : List.of("", "  ", "twelve", "1,000", "12.5.1", "NaN", "0x10", Boolean.TRUE, DAY)) {
            assertThat(Values.asNumber(garbage)).as(String.valueOf(garbage)).isNull();
        }
        assertThat(Values.asNumber(null)).isNull();
    }

    @Test
    void describesWhatWasSeen() {
        assertThat(Values.describe("Demo_Date__c", null)).isEqualTo("Demo_Date__c=empty");
        assertThat(Values.describe("Budget_Confirmed__c", true)).isEqualTo("Budget_Confirmed__c=true");
        assertThat(Values.describe("Demo_Date__c", DAY)).isEqualTo("Demo_Date__c=2026-11-26");
        assertThat(Values.describe("Notes__c", "y".repeat(120))).isEqualTo("Notes__c=" + "y".repeat(120));
        assertThat(Values.describe("Notes__c", "y".repeat(121))).isEqualTo("Notes__c=" + "y".repeat(120) + "…");
    }
}

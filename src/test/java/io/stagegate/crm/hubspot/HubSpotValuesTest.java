package io.stagegate.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** HubSpot's strings read without loss, and written as HubSpot takes them. */
class HubSpotValuesTest {

    @Test
    void numbersAreReadFromTheStringExactly() {
        assertThat(HubSpotValues.typed("0.200000000000000011102230246251565404236316680908203125", "number"))
                .isEqualTo(new BigDecimal("0.200000000000000011102230246251565404236316680908203125"));
        assertThat(HubSpotValues.typed("98765432109876543210.01", "number")).isEqualTo(new BigDecimal("98765432109876543210.01"));
        assertThat(HubSpotValues.typed("12 apples", "number")).as("stays text for the engine to report").isEqualTo("12 apples");
    }

    @Test
    void datesAndDatetimesAcceptEveryFormHubSpotSends() {
        assertThat(HubSpotValues.typed("2026-11-02", "date")).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(HubSpotValues.typed("2026-11-02T00:00:00Z", "date")).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(HubSpotValues.typed("1793577600000", "date")).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(HubSpotValues.typed("2026-11-02T17:05:35Z", "datetime")).isEqualTo(Instant.parse("2026-11-02T17:05:35Z"));
        assertThat(HubSpotValues.typed("2026-11-02T17:05:35.120Z", "datetime")).isEqualTo(Instant.parse("2026-11-02T17:05:35.120Z"));
        assertThat(HubSpotValues.typed("true", "bool")).isEqualTo(true);
        assertThat(HubSpotValues.typed("false", "bool")).isEqualTo(false);
    }

    @Test
    void valuesAreWrittenAsStringsAndNullClears() {
        assertThat(HubSpotValues.write(new BigDecimal("1500.500"))).isEqualTo("1500.5");
        assertThat(HubSpotValues.write(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(HubSpotValues.write(Boolean.TRUE)).isEqualTo("true");
        assertThat(HubSpotValues.write(LocalDate.parse("2026-11-02"))).isEqualTo("2026-11-02");
        assertThat(HubSpotValues.write(Instant.parse("2026-11-02T17:05:35Z"))).isEqualTo("2026-11-02T17:05:35.000Z");
        assertThat(HubSpotValues.write(null)).isEmpty();
    }
}

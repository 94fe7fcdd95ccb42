package io.stagegate.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.sandbox.org.DealState;
import io.stagegate.sandbox.org.OrgGenerator;
import io.stagegate.sandbox.org.PastChange;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The synthetic org's past in the portal's property history: read back as of each quarter's first day, {@code dealstage},
 * {@code amount}, {@code closedate} and every criteria property give the deal the generator says it was then.
 */
class HubSpotPastHistoryTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final List<Instant> QUARTER_STARTS = List.of(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z"));

    /** The value a property held at {@code at}: the newest entry not after it, or null. */
    private static String valueAt(List<HistoryEntry> newestFirst, Instant at) {
        for (HistoryEntry entry : newestFirst) {
            if (!entry.timestamp().isAfter(at)) {
                return entry.value().isEmpty() ? null : entry.value();
            }
        }
        return null;
    }

    @Test
    void propertyHistoryRebuildsEachDealAsTheGeneratorSaysItStoodOnEachQuarterStart() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        OrgGenerator generator = new OrgGenerator(HubSpotFixtures.playbook(), 42, 300, clock);
        HubSpotPortal portal = new HubSpotPortal(HubSpotFixtures.playbook(), clock, 1);
        portal.seed(generator.deals());
        int compared = 0;
        int revised = 0;
        for (SyntheticDeal deal : generator.deals().collect(Collectors.toList())) {
            StoredDeal stored = portal.live(HubSpotPortal.dealId(deal.seq()));
            for (Instant start : QUARTER_STARTS) {
                Instant at = start.minusMillis(1);
                DealState expected = DealState.asOf(deal, at);
                if (expected == null) {
                    continue;
                }
                assertThat(valueAt(portal.history(stored, "dealstage"), at)).isEqualTo(expected.stage());
                assertThat(new BigDecimal(valueAt(portal.history(stored, "amount"), at))).isEqualByComparingTo(expected.amount());
                assertThat(valueAt(portal.history(stored, "closedate"), at)).isEqualTo(expected.closeDate() + "T00:00:00.000Z");
                for (String field : deal.fields().keySet()) {
                    Object value = expected.fields().get(field);
                    String text = value == null ? null : value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
                    assertThat(valueAt(portal.history(stored, field), at)).as("%s of deal %d on %s", field, deal.seq(), start).isEqualTo(text);
                }
                compared++;
            }
            if (deal.past().stream().anyMatch(change -> change.kind() == PastChange.Kind.AMOUNT)) {
                List<HistoryEntry> amounts = portal.history(stored, "amount");
                assertThat(amounts).hasSize(2);
                assertThat(amounts.get(1).timestamp()).isEqualTo(deal.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                assertThat(amounts.get(0).source().sourceType()).isEqualTo(ChangeSource.CRM_UI);
                revised++;
            }
            assertThat(portal.value(stored, "hs_lastmodifieddate")).isEqualTo(HubSpotTime.text(deal.lastChange().truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS)));
        }
        assertThat(compared).isGreaterThan(400);
        assertThat(revised).isGreaterThan(20);
        assertThat(LocalDate.ofInstant(NOW, ZoneOffset.UTC)).isEqualTo(generator.today());
    }
}

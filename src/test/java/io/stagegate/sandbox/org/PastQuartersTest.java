package io.stagegate.sandbox.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.Playbook;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ground truth of the generated org's past, over the last four quarters: the over-stager's recorded forecast leans
 * above what closed, well beyond the reliable reps' recorded forecasts and his own qualified one; the reliable reps' two
 * forecasts agree. On the HubSpot playbook his recorded forecast misses by more than his qualified one.
 */
class PastQuartersTest {
    private static final int SIZE = 6000;

    static List<Playbook> playbooks() {
        return List.of(OrgGeneratorTest.SALESFORCE, OrgGeneratorTest.HUBSPOT);
    }

    /** Per rep over all quarters and currencies (both currencies are summed as numbers: the shares are what matter). */
    private static Map<String, BigDecimal[]> perRep(List<PastQuarters.Figures> figures) {
        Map<String, BigDecimal[]> reps = new TreeMap<>();
        for (PastQuarters.Figures f : figures) {
            BigDecimal[] sums = reps.computeIfAbsent(f.ownerName(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(f.closedWon());
            sums[1] = sums[1].add(f.recordedForecast());
            sums[2] = sums[2].add(f.qualifiedForecast());
        }
        return reps;
    }

    private static double error(BigDecimal forecast, BigDecimal actual) {
        return forecast.subtract(actual).doubleValue() / actual.doubleValue();
    }

    @ParameterizedTest
    @MethodSource("playbooks")
    void theOverStagersRecordedForecastMissesByMoreThanHisQualifiedOne(Playbook playbook) {
        OrgGenerator generator = new OrgGenerator(playbook, 42, SIZE, Clock.fixed(OrgGeneratorTest.NOW, ZoneOffset.UTC));
        List<PastQuarters.Figures> figures = PastQuarters.of(generator, 4);
        Map<String, BigDecimal[]> reps = perRep(figures);
        reps.forEach((rep, s) -> System.out.printf("%-16s won %12.0f recorded %12.0f (%+.2f) qualified %12.0f (%+.2f)%n", rep, s[0], s[1],
                error(s[1], s[0]), s[2], error(s[2], s[0])));
        BigDecimal[] jim = reps.get("Jim Hopewell");
        // the over-stager's recorded forecast leans high, beyond the reliable reps' lean, whose two forecasts agree
        for (String reliable : List.of("Tom Becker", "Aisha Bello")) {
            BigDecimal[] r = reps.get(reliable);
            assertThat(error(jim[1], jim[0])).as(reliable).isGreaterThan(error(r[1], r[0]) + 0.10);
            assertThat(Math.abs(error(r[1], r[0]) - error(r[2], r[0]))).as(reliable).isLessThan(0.06);
        }
        assertThat(error(jim[1], jim[0]) - error(jim[2], jim[0])).isGreaterThan(0.15);
        if (playbook.crm() == io.stagegate.criteria.Crm.HUBSPOT) {
            // with HubSpot's stage probabilities the qualified forecast lands nearer what closed; Salesforce's 10 % for
            // the first two stages sit below the org's win rates, so there the qualified forecast undershoots instead
            assertThat(Math.abs(error(jim[1], jim[0]))).isGreaterThan(Math.abs(error(jim[2], jim[0])) + 0.10);
        }
        assertThat(figures).extracting(PastQuarters.Figures::quarter).containsOnly("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3");
    }
}

package io.stagegate.backtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmHistory;
import io.stagegate.crm.hubspot.HubSpotGateway;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import io.stagegate.sandbox.org.Habit;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sync.HubSpotSyncSandboxProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The backtest against the embedded HubSpot sandbox: the portal's property history ({@code propertiesWithHistory})
 * read through the port, each deal rebuilt as of the last closed quarter's first day and judged that day with the
 * shipped HubSpot playbook, set per owner against the sandbox's ground truth, which is computed from its generator alone
 * (not from the history the connector reads).
 */
@QuarkusTest
@TestProfile(HubSpotSyncSandboxProfile.class)
class HubSpotBacktestSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    HubSpotGateway gateway;

    @Inject
    ActivePlaybook active;

    @Inject
    Clock clock;

    /** Only to name the ground truth's reps by their HubSpot owner ids; the backtest itself reads the portal through the port. */
    @Inject
    HubSpotPortal portal;

    /** One owner's figures in one currency. */
    static final class Tally {
        BigDecimal recorded = BigDecimal.ZERO;
        BigDecimal qualified = BigDecimal.ZERO;
        BigDecimal closedWon = BigDecimal.ZERO;
        int forecastDeals;
        int wonDeals;
        int restingOnUnknown;

        @Override
        public String toString() {
            return "recorded " + recorded.stripTrailingZeros().toPlainString() + ", qualified " + qualified.stripTrailingZeros().toPlainString()
                    + ", closed won " + closedWon.stripTrailingZeros().toPlainString() + " (" + forecastDeals + " forecast, " + wonDeals + " won)";
        }
    }

    @Test
    void theLastClosedQuarterRebuiltFromHistoryMatchesTheGroundTruthPerOwner() throws Exception {
        JsonNode truth = JSON.readTree(given().queryParam("quarters", 1).get("/sandbox/admin/history/hubspot/quarters")
                .then().statusCode(200).extract().asString());
        assertThat(truth.size()).isGreaterThan(1);
        LocalDate start = LocalDate.parse(truth.get(0).get("start").asText());
        LocalDate end = LocalDate.parse(truth.get(0).get("end").asText());
        Instant firstMoment = start.atStartOfDay(clock.getZone()).toInstant();
        Playbook playbook = active.current().playbook();

        CrmHistory history = gateway.history(playbook, firstMoment);

        List<QuarterFigures> figures = QuarterBacktest.of(new Evaluator(playbook, clock), history.opportunities(), start, end);

        Map<String, Tally> mine = new TreeMap<>();
        for (QuarterFigures owner : figures) {
            Tally tally = new Tally();
            tally.recorded = owner.recordedForecast();
            tally.qualified = owner.qualifiedForecast();
            tally.closedWon = owner.closedWon();
            tally.forecastDeals = owner.forecastDeals();
            tally.wonDeals = owner.wonDeals();
            tally.restingOnUnknown = owner.dealsOnUnknown();
            mine.put(owner.owner() + "|" + owner.currency(), tally);
        }
        Map<String, Tally> expected = new TreeMap<>();
        for (JsonNode owner : truth) {
            Tally tally = new Tally();
            tally.recorded = owner.get("recordedForecast").decimalValue();
            tally.qualified = owner.get("qualifiedForecast").decimalValue();
            tally.closedWon = owner.get("closedWon").decimalValue();
            tally.forecastDeals = owner.get("forecastDeals").asInt();
            tally.wonDeals = owner.get("wonDeals").asInt();
            String userId = portal.ownerId(new Rep(owner.get("ownerId").asText(), owner.get("ownerName").asText(), Habit.AVERAGE));
            expected.put(userId + "|" + owner.get("currency").asText(), tally);
        }
        assertThat(history.untrackedFields()).as("HubSpot keeps every property's history").isEmpty();
        assertThat(mine.values()).allSatisfy(tally -> assertThat(tally.restingOnUnknown).isZero());
        assertThat(mine.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, Tally> owner : expected.entrySet()) {
            Tally rebuilt = mine.get(owner.getKey());
            assertThat(rebuilt.forecastDeals).as("deals forecast for %s", owner.getKey()).isEqualTo(owner.getValue().forecastDeals);
            assertThat(rebuilt.recorded).as("recorded forecast of %s: %s vs %s", owner.getKey(), rebuilt, owner.getValue())
                    .isEqualByComparingTo(owner.getValue().recorded);
            assertThat(rebuilt.qualified).as("qualified forecast of %s: %s vs %s", owner.getKey(), rebuilt, owner.getValue())
                    .isEqualByComparingTo(owner.getValue().qualified);
            assertThat(rebuilt.wonDeals).as("won deals of %s", owner.getKey()).isEqualTo(owner.getValue().wonDeals);
            assertThat(rebuilt.closedWon).as("closed won of %s", owner.getKey()).isEqualByComparingTo(owner.getValue().closedWon);
        }
        System.out.printf("backtest %s..%s: %d opportunities read in %d calls; per owner: %s; accuracy recorded/qualified: %s%n", start, end,
                history.opportunities().size(), history.calls(), mine, figures.stream()
                        .map(owner -> owner.owner() + "|" + owner.currency() + " " + owner.recordedAccuracy().error() + "/" + owner.qualifiedAccuracy().error())
                        .toList());
    }
}

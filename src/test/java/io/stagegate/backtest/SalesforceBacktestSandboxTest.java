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
import io.stagegate.crm.salesforce.SalesforceGateway;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import io.stagegate.sync.SyncSandboxProfile;
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
 * The first end-to-end backtest: the embedded Salesforce sandbox's history read through the port, each opportunity
 * rebuilt as of the last closed quarter's first day and judged that day, set per owner against the sandbox's ground
 * truth, which is computed from its generator alone (not from the history the connector reads). The rollup is
 * {@link QuarterBacktest}, the product class a backtest run will use.
 */
@QuarkusTest
@TestProfile(SyncSandboxProfile.class)
class SalesforceBacktestSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    SalesforceGateway gateway;

    @Inject
    ActivePlaybook active;

    @Inject
    Clock clock;

    /** Only to name the ground truth's reps by their Salesforce user ids; the backtest itself reads the org through the port. */
    @Inject
    SalesforceOrg org;

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
        JsonNode truth = JSON.readTree(given().queryParam("quarters", 1).get("/sandbox/admin/history/salesforce/quarters")
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
            String userId = org.userIdOfRep(owner.get("ownerId").asText()).orElseThrow();
            expected.put(userId + "|" + owner.get("currency").asText(), tally);
        }
        assertThat(history.untrackedFields()).as("the default playbook's 12 criteria fields fit Salesforce's 20 tracked fields").isEmpty();
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

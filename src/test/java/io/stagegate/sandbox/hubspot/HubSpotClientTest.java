package io.stagegate.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.stagegate.sandbox.NodeClients;
import io.stagegate.sandbox.org.OrgGenerator;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's official Node client, unchanged, against the sandbox: runs {@code src/test/js/hubspot-smoke.js} with
 * {@code @hubspot/api-client} at the version pinned in {@code src/test/js/package.json} (see {@link NodeClients}:
 * skipped without Node or the package, failed when {@code CI=true}).
 */
@QuarkusTest
class HubSpotClientTest {
    private static final int DEALS = 600;

    @Inject
    HubSpotPortal portal;

    @Test
    void officialClientPagesSearchesCreatesBatchUpdatesAndReadsPipelinesUnchanged() throws IOException, InterruptedException {
        NodeClients clients = NodeClients.require("@hubspot/api-client");
        portal.seed(new OrgGenerator(HubSpotFixtures.playbook(), 42, DEALS, HubSpotFixtures.clock()).deals());
        Map.Entry<String, Long> busiest = portal.liveDeals().collect(Collectors.groupingBy(deal -> deal.property("dealstage"), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        String stage = busiest.getKey();
        long inStage = busiest.getValue();

        String output = clients.run("hubspot-smoke.js", "HUBSPOT OK", "http://localhost:" + RestAssured.port + "/sandbox/hubspot", "demo",
                Integer.toString(DEALS), stage, Long.toString(inStage), Integer.toString(portal.pipelines.pipelines().size()));

        assertThat(inStage).as("more deals in %s than one search page holds", stage).isGreaterThan(50);
        assertThat(portal.pipelines.pipelines()).hasSize(2);
        assertThat(output).contains("getAll " + DEALS, "search " + stage + ": total " + inStage, "getAll after creates " + (DEALS + 4));
        assertThat(portal.size()).isEqualTo(DEALS + 4);
        assertThat(portal.get(HubSpotPortal.dealId(0)).orElseThrow().property("stagegate_stage_skip")).isEqualTo("true");
    }
}

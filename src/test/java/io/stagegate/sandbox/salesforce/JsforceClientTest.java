package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.stagegate.sandbox.NodeClients;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A widely used client, unchanged, against the sandbox: runs {@code src/test/js/jsforce-smoke.js} with jsforce at the
 * version pinned in {@code src/test/js/package.json} (see {@link NodeClients}: skipped without Node or the package, failed
 * when {@code CI=true}).
 */
@QuarkusTest
@TestProfile(SalesforceSandboxProfile.class)
class JsforceClientTest {
    private static final int OPPORTUNITIES = 4500;

    @Inject
    SalesforceOrg org;

    @Test
    void jsforceLogsInPagesCreatesUpdatesAndDescribesUnchanged() throws IOException, InterruptedException {
        NodeClients clients = NodeClients.require("jsforce");
        org.seed(TestDeals.many(OPPORTUNITIES));
        String instance = "http://localhost:" + RestAssured.port + SalesforceApi.INSTANCE;

        String output = clients.run("jsforce-smoke.js", "JSFORCE OK", instance, SalesforceSandboxProfile.CLIENT_ID,
                SalesforceSandboxProfile.CLIENT_SECRET, Integer.toString(OPPORTUNITIES));

        assertThat(output).contains("query 4500 4500 true", "batchSize 200: 23 fetches", "count after creates 4504");
        assertThat(org.recentChanges()).filteredOn(change -> change.kind() == OpportunityChange.Kind.CREATE).hasSize(4);
        assertThat(org.opportunity(org.opportunityId(0)).orElseThrow()).containsEntry("Stage_Skip__c", true).containsEntry("Over_Staged__c", true);
    }
}

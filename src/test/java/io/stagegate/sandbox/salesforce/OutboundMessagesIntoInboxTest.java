package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.testsupport.InboxRows;
import io.stagegate.testsupport.PushIntoThisServerProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated org's Outbound Messages, sent by the unchanged sandbox sender, are acknowledged by the intake and land in the inbox. */
@QuarkusTest
@TestProfile(PushIntoThisServerProfile.class)
class OutboundMessagesIntoInboxTest {
    @Inject
    SalesforceOrg org;

    @Inject
    Pool pool;

    @ConfigProperty(name = "stagegate.salesforce.organization-id")
    String acceptedOrg;

    @BeforeEach
    void seed() {
        org.seed(TestDeals.many(3));
    }

    @Test
    void aChangeInTheOrgBecomesOneInboxRowForItsOpportunity() throws InterruptedException {
        assertThat(org.organizationId()).as("the org the test configuration accepts").isEqualTo(acceptedOrg);
        String name = "Renamed " + UUID.randomUUID();
        String opportunity = org.opportunityId(1);

        org.update(opportunity, Map.of("Name", name, "StageName", "Closed Won"), org.integrationUserId());

        List<InboxRows.InboxRow> rows = InboxRows.awaitPayload(pool, "outbound_message", name, Duration.ofSeconds(20));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.crm()).isEqualTo("SALESFORCE");
            assertThat(row.dedupeKey()).startsWith("sf-om:04l");
            assertThat(row.recordIds()).containsExactly(opportunity);
            assertThat(row.payload()).contains("\"organizationId\":\"" + org.organizationId() + "\"", "\"StageName\":\"Closed Won\"");
        });
    }
}

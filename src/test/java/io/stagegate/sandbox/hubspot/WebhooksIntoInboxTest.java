package io.stagegate.sandbox.hubspot;

import static io.stagegate.sandbox.hubspot.HubSpotApi.DEALS;
import static io.stagegate.sandbox.hubspot.HubSpotApi.api;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.testsupport.InboxRows;
import io.stagegate.testsupport.PushIntoThisServerProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated portal's webhooks, signed and sent by the unchanged sandbox dispatcher to a URL whose query needs v3
 * decoding, pass the intake's signature check and land in the inbox.
 */
@QuarkusTest
@TestProfile(PushIntoThisServerProfile.class)
class WebhooksIntoInboxTest {
    @Inject
    HubSpotPortal portal;

    @Inject
    Pool pool;

    @BeforeEach
    void seed() {
        portal.seed(HubSpotFixtures.deals().stream());
    }

    @Test
    void anApiWriteBecomesOneInboxRowPerChangedProperty() throws InterruptedException {
        String name = "Renamed " + UUID.randomUUID();
        String deal = HubSpotFixtures.id(2);

        api().body("{\"properties\":{\"dealname\":\"" + name + "\",\"dealstage\":\"contractsent\"}}").when().patch(DEALS + "/" + deal)
                .then().statusCode(200);

        List<InboxRows.InboxRow> rows = InboxRows.awaitPayload(pool, "webhook", name, Duration.ofSeconds(20));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.crm()).isEqualTo("HUBSPOT");
            assertThat(row.dedupeKey()).startsWith("hs:62515:deal.propertyChange:" + deal + ":");
            assertThat(row.recordIds()).containsExactly(deal);
            assertThat(row.payload()).contains("\"propertyName\":\"dealname\"", "\"changeSource\":\"INTEGRATION\"");
        });
        List<InboxRows.InboxRow> stage = InboxRows.awaitPayload(pool, "webhook", "\"propertyValue\":\"contractsent\"", Duration.ofSeconds(5));
        assertThat(stage).anySatisfy(row -> assertThat(row.recordIds()).containsExactly(deal));
    }
}

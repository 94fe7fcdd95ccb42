package io.stagegate.crm.hubspot.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.intake.PushBatch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Echoes of Stagegate's own writes are recognised at intake and never become inbox rows. */
class HubSpotEventsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BATCH = "["
            + "{\"eventId\":1,\"portalId\":62515,\"appId\":54321,\"occurredAt\":1700000000000,\"subscriptionType\":\"deal.propertyChange\","
            + "\"objectId\":4500,\"propertyName\":\"stagegate_qualified_stage\",\"propertyValue\":\"Decision\",\"changeSource\":\"INTEGRATION\",\"sourceId\":\"54321\"},"
            + "{\"eventId\":2,\"portalId\":62515,\"appId\":54321,\"occurredAt\":1700000000001,\"subscriptionType\":\"deal.propertyChange\","
            + "\"objectId\":4501,\"propertyName\":\"dealstage\",\"propertyValue\":\"contractsent\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:12\"},"
            + "{\"eventId\":3,\"portalId\":62515,\"appId\":54321,\"occurredAt\":1700000000002,\"subscriptionType\":\"deal.propertyChange\","
            + "\"objectId\":4502,\"propertyName\":\"amount\",\"propertyValue\":\"10\",\"changeSource\":\"INTEGRATION\",\"sourceId\":\"99999\"}]";

    private static PushBatch read(Long appId) {
        return HubSpotEvents.read(MAPPER, BATCH.getBytes(StandardCharsets.UTF_8), appId);
    }

    @Test
    void eventsOfThisAppsOwnWritesAreIgnored() {
        PushBatch batch = read(54321L);

        assertThat(batch.events()).extracting(event -> event.recordIds().get(0)).containsExactly("4501", "4502");
        assertThat(batch.ignored()).isEqualTo(1);
    }

    @Test
    void withoutAnAppIdEveryDealEventIsKept() {
        assertThat(read(null).events()).hasSize(3);
    }
}

package io.stagegate.crm.hubspot.push;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.config.StagegateConfig;
import io.stagegate.crm.hubspot.HubSpotConfig;
import io.stagegate.testsupport.ConfigMappings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A malformed public base URL stops the start with what to fix. */
class HubSpotPushStartupTest {
    private final HubSpotPushStartup startup = new HubSpotPushStartup();
    private final StagegateConfig service = ConfigMappings.of(StagegateConfig.class, Map.of());

    private static HubSpotConfig hubspot(String baseUrl) {
        return ConfigMappings.of(HubSpotConfig.class, Map.of("stagegate.hubspot.webhook-base-url", baseUrl));
    }

    @Test
    void acceptsAPublicBaseUrl() {
        assertThatCode(() -> startup.check(null, service, hubspot("https://hooks.acme.example/stagegate/"))).doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service, hubspot(""))).doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service, ConfigMappings.of(HubSpotConfig.class, Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void refusesAMalformedBaseUrl() {
        assertThatThrownBy(() -> startup.check(null, service, hubspot("hooks.acme.example")))
                .hasMessageStartingWith("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL must be the scheme, host and any path prefix");
        assertThatThrownBy(() -> startup.check(null, service, hubspot("https://hooks.acme.example/?x=1")))
                .hasMessageStartingWith("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL must be");
    }
}

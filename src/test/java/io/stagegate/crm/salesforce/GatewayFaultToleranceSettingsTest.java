package io.stagegate.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The gateway's fault-tolerance annotations carry no figures: without these keys every operation would time out after
 * SmallRye's default second and trip its breaker after 20 calls. The figures are pinned here so a change is deliberate.
 */
class GatewayFaultToleranceSettingsTest {
    private static final String FT = "quarkus.fault-tolerance.";

    @Test
    void productionFiguresAreConfigured() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = GatewayFaultToleranceSettingsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertThat(properties.getProperty(FT + "global.timeout.value")).isEqualTo("180000");
        assertThat(properties.getProperty(FT + "\"" + SalesforceGateway.class.getName() + "/validateSetup\".timeout.value")).isEqualTo("60000");
        assertThat(properties.getProperty(FT + "global.circuit-breaker.request-volume-threshold")).isEqualTo("10");
        assertThat(properties.getProperty(FT + "global.circuit-breaker.failure-ratio")).isEqualTo("0.5");
        assertThat(properties.getProperty(FT + "global.circuit-breaker.delay")).isEqualTo("30000");
        assertThat(properties.getProperty(FT + "global.circuit-breaker.success-threshold")).isEqualTo("2");
        assertThat(properties.getProperty(FT + "global.bulkhead.value")).isEqualTo("8");
    }
}

package io.stagegate.crm.salesforce.push;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.config.StagegateConfig;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.testsupport.ConfigMappings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A malformed org id stops the start with what to fix. */
class SalesforcePushStartupTest {
    private final SalesforcePushStartup startup = new SalesforcePushStartup();
    private final StagegateConfig service = ConfigMappings.of(StagegateConfig.class, Map.of());

    private static SalesforceConfig salesforce(String organizationId) {
        return ConfigMappings.of(SalesforceConfig.class, Map.of("stagegate.salesforce.organization-id", organizationId));
    }

    @Test
    void acceptsAnOrgIdOf15Or18Characters() {
        assertThatCode(() -> startup.check(null, service, salesforce("00D5g000000XXXX"))).doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service, salesforce("00D5g000000XXXXEAA"))).doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service, salesforce(" "))).doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service, ConfigMappings.of(SalesforceConfig.class, Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void refusesAMalformedOrgId() {
        assertThatThrownBy(() -> startup.check(null, service, salesforce("0065g00000AbCdEAAV")))
                .hasMessageStartingWith("STAGEGATE_SALESFORCE_ORGANIZATION_ID must be the org's 15- or 18-character id (00D...)");
    }
}

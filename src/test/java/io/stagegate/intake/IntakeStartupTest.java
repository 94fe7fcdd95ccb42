package io.stagegate.intake;

import io.stagegate.crm.hubspot.HubSpotConfig;
import io.stagegate.crm.salesforce.SalesforceConfig;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.config.StagegateConfig;
import io.stagegate.testsupport.ConfigMappings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings that are wrong without being secret stop the start with what to fix. */
class IntakeStartupTest {
    private final IntakeStartup startup = new IntakeStartup();

    private static StagegateConfig service() {
        return new StagegateConfig() {
            @Override
            public Mode mode() {
                return Mode.SERVICE;
            }

            @Override
            public PlaybookConfig playbook() {
                throw new UnsupportedOperationException();
            }

            @Override
            public EngineConfig engine() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static SalesforceConfig salesforce(String organizationId) {
        return ConfigMappings.of(SalesforceConfig.class, organizationId == null ? Map.of()
                : Map.of("stagegate.salesforce.organization-id", organizationId));
    }

    private static HubSpotConfig hubspot(String baseUrl) {
        return new HubSpotConfig() {
            @Override
            public Optional<String> clientSecret() {
                return Optional.empty();
            }

            @Override
            public Optional<String> webhookBaseUrl() {
                return Optional.ofNullable(baseUrl);
            }
        };
    }

    @Test
    void acceptsAnOrgIdOf15Or18CharactersAndAPublicBaseUrl() {
        assertThatCode(() -> startup.check(null, service(), salesforce("00D5g000000XXXX"), hubspot("https://hooks.acme.example/stagegate/")))
                .doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service(), salesforce("00D5g000000XXXXEAA"), hubspot(null))).doesNotThrowAnyException();
        assertThatCode(() -> startup.check(null, service(), salesforce(" "), hubspot(""))).doesNotThrowAnyException();
    }

    @Test
    void refusesAMalformedOrgIdOrBaseUrl() {
        assertThatThrownBy(() -> startup.check(null, service(), salesforce("0065g00000AbCdEAAV"), hubspot(null)))
                .hasMessageStartingWith("STAGEGATE_SALESFORCE_ORGANIZATION_ID must be the org's 15- or 18-character id (00D...)");
        assertThatThrownBy(() -> startup.check(null, service(), salesforce(null), hubspot("hooks.acme.example")))
                .hasMessageStartingWith("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL must be the scheme, host and any path prefix");
        assertThatThrownBy(() -> startup.check(null, service(), salesforce(null), hubspot("https://hooks.acme.example/?x=1")))
                .hasMessageStartingWith("STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL must be");
    }
}

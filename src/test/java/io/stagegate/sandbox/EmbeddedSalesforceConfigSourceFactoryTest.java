package io.stagegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** The embedded default applies only when nothing else is configured, and never becomes a default of the package. */
class EmbeddedSalesforceConfigSourceFactoryTest {
    private final EmbeddedSalesforceConfigSourceFactory factory = new EmbeddedSalesforceConfigSourceFactory();

    private static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }

    private List<ConfigSource> sources(Map<String, String> values) {
        List<ConfigSource> sources = new java.util.ArrayList<>();
        factory.getConfigSources(context(values)).forEach(sources::add);
        return sources;
    }

    @Test
    void withNothingConfiguredTheConnectorIsPointedAtThisInstancesSandbox() {
        List<ConfigSource> sources = sources(Map.of());
        assertThat(sources).hasSize(1);
        ConfigSource source = sources.get(0);
        assertThat(source.getValue("stagegate.salesforce.enabled")).isEqualTo("true");
        assertThat(source.getValue("stagegate.salesforce.embedded-sandbox")).isEqualTo("true");
        assertThat(source.getValue("stagegate.salesforce.login-url")).isEqualTo("/sandbox/salesforce");
        assertThat(source.getValue("stagegate.salesforce.auth-flow")).isEqualTo("client-credentials");
        assertThat(source.getOrdinal()).as("outranks the environment and system properties").isGreaterThan(400);
    }

    @Test
    void listsNoPropertyNamesSoThatABuildCannotRecordThemAsDefaults() {
        assertThat(sources(Map.of()).get(0).getPropertyNames()).isEmpty();
    }

    @Test
    void withdrawsTheSandboxOnceARealCrmIsConfiguredInServiceMode() {
        for (Map<String, String> configured : List.of(Map.of("stagegate.salesforce.enabled", "true"),
                Map.of("stagegate.salesforce.enabled", " TRUE ", "stagegate.sandbox.enabled", "true"))) {
            List<ConfigSource> sources = sources(new HashMap<>(configured));
            assertThat(sources).as("%s", configured).hasSize(1);
            assertThat(sources.get(0).getValue("stagegate.sandbox.enabled")).isEqualTo("false");
            assertThat(sources.get(0).getValue("stagegate.salesforce.login-url")).as("the connection stays as configured").isNull();
            assertThat(sources.get(0).getPropertyNames()).isEmpty();
            assertThat(sources.get(0).getOrdinal()).as("above the environment and system properties").isGreaterThan(400);
        }
        // the standalone sandbox (compose's demo passes the same CRM settings to it) keeps serving
        assertThat(sources(new HashMap<>(Map.of("stagegate.salesforce.enabled", "true", "stagegate.mode", "sandbox")))).isEmpty();
    }

    @Test
    void staysOutOfTheWayOfAPlaybookFileAnotherCrmSandboxModeOrNoSandbox() {
        for (Map<String, String> configured : List.of(
                Map.of("stagegate.playbook.file", "/etc/stagegate/playbook.yaml"),
                Map.of("stagegate.playbook.crm", "hubspot"),
                Map.of("stagegate.mode", "sandbox"),
                Map.of("stagegate.sandbox.enabled", "false"))) {
            assertThat(sources(new HashMap<>(configured))).as("%s", configured).isEmpty();
        }
    }
}

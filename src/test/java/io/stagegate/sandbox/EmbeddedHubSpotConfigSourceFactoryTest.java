package io.stagegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HubSpot playbook alone picks the embedded HubSpot portal; anything configured keeps it out. */
class EmbeddedHubSpotConfigSourceFactoryTest {
    private final EmbeddedHubSpotConfigSourceFactory factory = new EmbeddedHubSpotConfigSourceFactory();

    @TempDir
    Path dir;

    private List<ConfigSource> sources(Map<String, String> values) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
        List<ConfigSource> sources = new ArrayList<>();
        factory.getConfigSources(context).forEach(sources::add);
        return sources;
    }

    @Test
    void theShippedHubSpotPlaybookAlonePointsTheConnectorAtThisInstancesPortal() {
        List<ConfigSource> sources = sources(Map.of("stagegate.playbook.crm", "hubspot"));

        assertThat(sources).hasSize(1);
        ConfigSource source = sources.get(0);
        assertThat(source.getValue("stagegate.hubspot.enabled")).isEqualTo("true");
        assertThat(source.getValue("stagegate.hubspot.embedded-sandbox")).isEqualTo("true");
        assertThat(source.getValue("stagegate.hubspot.base-url")).isEqualTo("/sandbox/hubspot");
        assertThat(source.getValue("stagegate.hubspot.access-token")).isEqualTo("${stagegate.sandbox.hubspot.token}");
        assertThat(source.getPropertyNames()).as("never recorded as a build default").isEmpty();
        assertThat(source.getOrdinal()).isGreaterThan(400);
    }

    @Test
    void aPlaybookFileWrittenForHubSpotDoesTheSame() throws IOException {
        Path playbook = Files.writeString(dir.resolve("playbook.yaml"), "name: Ours\ncrm: hubspot   # our portal\ncurrency: EUR\n");
        Path salesforce = Files.writeString(dir.resolve("sf.yaml"), "name: Ours\ncrm: salesforce\n");

        assertThat(sources(Map.of("stagegate.playbook.file", playbook.toString()))).hasSize(1);
        assertThat(sources(Map.of("stagegate.playbook.file", salesforce.toString()))).isEmpty();
        assertThat(sources(Map.of("stagegate.playbook.file", dir.resolve("missing.yaml").toString()))).isEmpty();
    }

    @Test
    void anythingConfiguredKeepsTheSandboxConnectionOut() {
        for (Map<String, String> configured : List.<Map<String, String>>of(Map.of("stagegate.hubspot.enabled", "true"), Map.of("stagegate.salesforce.enabled", "true"),
                Map.of("stagegate.sandbox.enabled", "false"), Map.of("stagegate.mode", "sandbox"), Map.of())) {
            Map<String, String> values = new HashMap<>(configured);
            values.putIfAbsent("stagegate.playbook.crm", configured.isEmpty() ? "salesforce" : "hubspot");
            assertThat(sources(values)).as("%s", values).isEmpty();
        }
    }
}

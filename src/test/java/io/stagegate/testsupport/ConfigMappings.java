package io.stagegate.testsupport;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.Map;

/** A {@code @ConfigMapping} filled from the given properties and its own defaults, for unit tests without Quarkus. */
public final class ConfigMappings {
    private ConfigMappings() {
    }

    public static <T> T of(Class<T> mapping, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(mapping)
                // durations as Quarkus reads them ("5m", "120s")
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new MapBackedConfigSource("test", properties, 400) {
                })
                .build();
        return config.getConfigMapping(mapping);
    }
}

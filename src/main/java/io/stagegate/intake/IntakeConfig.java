package io.stagegate.intake;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Limits shared by every push endpoint under {@code /webhooks}. */
@ConfigMapping(prefix = "stagegate.intake")
public interface IntakeConfig {

    /**
     * The largest request body accepted; larger ones get 413 before they are read. 100 notifications or events with
     * long text values fit well inside the default.
     */
    @WithDefault("5M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxBodySize();
}

package io.stagegate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.Optional;

@ConfigMapping(prefix = "stagegate")
public interface StagegateConfig {

    /** What this instance serves. */
    enum Mode {
        /** Stagegate itself (and the embedded sandbox unless disabled). */
        SERVICE,
        /** Only the simulated CRMs under /sandbox, with no database: for benchmarks and third-party clients. */
        SANDBOX
    }

    @WithDefault("service")
    Mode mode();

    PlaybookConfig playbook();

    EngineConfig engine();

    interface PlaybookConfig {
        /** Which shipped default playbook to run when no file is given: salesforce or hubspot. */
        @WithDefault("salesforce")
        String crm();

        /** A playbook YAML file to run instead of the shipped default. */
        Optional<String> file();
    }

    interface EngineConfig {
        /** The zone in which "today" is judged for date criteria. */
        @WithDefault("UTC")
        ZoneId zone();
    }
}

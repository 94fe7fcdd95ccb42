package io.stagegate.config;

import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** Wires the framework-free engine: the clock, and the playbook it evaluates with. */
public class EngineProducer {

    @Produces
    @ApplicationScoped
    Clock clock(StagegateConfig config) {
        return Clock.system(config.engine().zone());
    }

    @Produces
    @ApplicationScoped
    ActivePlaybook activePlaybook(StagegateConfig config, Clock clock) {
        return new ActivePlaybook(initialPlaybook(config.playbook()), clock);
    }

    static LoadedPlaybook initialPlaybook(StagegateConfig.PlaybookConfig config) {
        if (config.file().isPresent()) {
            Path path = Path.of(config.file().get());
            try {
                return LoadedPlaybook.load(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the playbook file " + path + " (stagegate.playbook.file)", e);
            }
        }
        String crm = config.crm().trim().toLowerCase(Locale.ROOT);
        if (!crm.equals("salesforce") && !crm.equals("hubspot")) {
            throw new IllegalArgumentException("stagegate.playbook.crm must be salesforce or hubspot, was '" + config.crm() + "'");
        }
        return shipped(crm);
    }

    /** One of the default playbooks shipped in the resources, {@code salesforce} or {@code hubspot}. */
    public static LoadedPlaybook shipped(String crm) {
        String location = "playbooks/default-" + crm + ".yaml";
        try (InputStream in = EngineProducer.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("the shipped playbook " + location + " is missing from the build");
            }
            return LoadedPlaybook.load("classpath:" + location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

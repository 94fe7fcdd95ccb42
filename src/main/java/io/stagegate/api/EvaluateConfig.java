package io.stagegate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Limits of {@code POST /api/evaluate} beyond the HTTP ones ({@code quarkus.http.limits.*}, {@code quarkus.http.read-timeout}). */
@ConfigMapping(prefix = "stagegate.evaluate")
public interface EvaluateConfig {

    /** Evaluations in progress at once; more are answered 503 with {@code Retry-After} before their body is read. */
    @WithDefault("8")
    int maxConcurrent();

    /** Where request bodies are spooled; the JVM's temporary directory when unset. */
    Optional<String> spoolDirectory();
}

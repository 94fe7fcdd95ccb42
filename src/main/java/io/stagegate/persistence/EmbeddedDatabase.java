package io.stagegate.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An embedded PostgreSQL for the zero-configuration default (demo, first run) and the tests. Production points
 * Quarkus at a real PostgreSQL through the standard datasource environment variables, and then none is started.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final String[] URL_SETTINGS = {
        "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url",
    };

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** True when the environment or system properties point the service at an external PostgreSQL. */
    public static boolean externalConfigured() {
        for (String setting : URL_SETTINGS) {
            String value = setting.startsWith("quarkus.") ? System.getProperty(setting) : System.getenv(setting);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    public static EmbeddedDatabase start() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL; set QUARKUS_DATASOURCE_REACTIVE_URL and "
                    + "QUARKUS_DATASOURCE_JDBC_URL to use an external one", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The Quarkus settings that point both the reactive client and Flyway's JDBC connection at this database. */
    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port() + "/postgres");
        properties.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + port() + "/postgres");
        properties.put("quarkus.datasource.username", "postgres");
        properties.put("quarkus.datasource.password", "postgres");
        return properties;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

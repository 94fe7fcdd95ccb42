package io.stagegate.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded PostgreSQL for every {@code @QuarkusTest} (a test resource declared here applies globally). */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class DatabaseForAllTests {
    private DatabaseForAllTests() {
    }
}

package io.stagegate.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.stagegate.persistence.EmbeddedDatabase;
import java.util.Map;

/** One embedded PostgreSQL for the whole test run, started the same way the service starts its own. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        database = EmbeddedDatabase.start();
        return database.quarkusProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}

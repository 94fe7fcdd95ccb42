package io.stagegate;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.stagegate.persistence.EmbeddedDatabase;
import org.jboss.logging.Logger;

/**
 * Starts Stagegate. With no database configured it first starts an embedded PostgreSQL, so that a newcomer sees the
 * whole service on one machine with nothing to install.
 */
@QuarkusMain
public final class StagegateMain {
    private StagegateMain() {
    }

    public static void main(String... args) {
        if (!EmbeddedDatabase.externalConfigured()) {
            EmbeddedDatabase database = EmbeddedDatabase.start();
            database.quarkusProperties().forEach(System::setProperty);
            Logger.getLogger(StagegateMain.class).infof("No database configured: started an embedded PostgreSQL on port %d "
                    + "(set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL to use your own)", database.port());
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }
}

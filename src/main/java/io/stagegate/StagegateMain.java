package io.stagegate;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.stagegate.persistence.EmbeddedDatabase;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Starts Stagegate. With no database configured it first starts an embedded PostgreSQL, so that a newcomer sees the
 * whole service on one machine with nothing to install. In sandbox mode ({@code STAGEGATE_MODE=sandbox}) it serves
 * only the simulated CRMs and needs no database at all.
 */
@QuarkusMain
public final class StagegateMain {
    private static final Logger LOG = Logger.getLogger(StagegateMain.class);

    private StagegateMain() {
    }

    public static void main(String... args) {
        if (sandboxOnly()) {
            System.setProperty("quarkus.datasource.active", "false");
            System.setProperty("quarkus.hibernate-orm.active", "false");
            System.setProperty("quarkus.flyway.active", "false");
            System.setProperty("stagegate.sandbox.enabled", "true");
            LOG.info("Sandbox mode: serving only the simulated CRMs under /sandbox, without a database");
        } else if (!EmbeddedDatabase.externalConfigured()) {
            EmbeddedDatabase database = EmbeddedDatabase.start();
            database.quarkusProperties().forEach(System::setProperty);
            LOG.infof("No database configured: started an embedded PostgreSQL on port %d "
                    + "(set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL to use your own)", database.port());
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }

    private static boolean sandboxOnly() {
        String mode = System.getProperty("stagegate.mode", System.getenv("STAGEGATE_MODE"));
        return mode != null && mode.trim().toLowerCase(Locale.ROOT).equals("sandbox");
    }
}

package io.stagegate.config;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps one known fault of the reactive SQL client out of the error log. While the database is unreachable, every
 * query through the pool fails at once, as it should; but the pool leaves its connection-timeout timer armed, and when
 * that fires it fails the already failed result again (vertx-sql-client issue 1706, open for 4.5.x). Vert.x reports
 * that as an uncaught {@code IllegalStateException: Result is already complete}: after a database restart, a burst of
 * them per instance, each alarming and none meaning anything (the caller had its error long before). They are counted
 * and logged at DEBUG; every other uncaught error goes on to the handler Quarkus installed.
 */
@ApplicationScoped
public class PoolTimerNoise {
    private static final Logger LOG = Logger.getLogger(PoolTimerNoise.class);
    private static final String POOL = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";

    private final AtomicLong suppressed = new AtomicLong();

    void install(@Observes StartupEvent event, Vertx vertx) {
        Handler<Throwable> next = vertx.exceptionHandler();
        vertx.exceptionHandler(error -> {
            if (isPoolTimerNoise(error)) {
                LOG.debugf("Ignored the SQL pool's second failure of an already failed query (%,d so far; vertx-sql-client issue 1706)",
                        suppressed.incrementAndGet());
            } else if (next != null) {
                next.handle(error);
            } else {
                LOG.error("Uncaught exception received by Vert.x", error);
            }
        });
    }

    /** How many were kept out of the log since start. */
    public long suppressed() {
        return suppressed.get();
    }

    static boolean isPoolTimerNoise(Throwable error) {
        if (!(error instanceof IllegalStateException) || !"Result is already complete".equals(error.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : error.getStackTrace()) {
            if (frame.getClassName().startsWith(POOL)) {
                return true;
            }
        }
        return false;
    }
}

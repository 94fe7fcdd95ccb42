package io.stagegate.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.stagegate.criteria.Crm;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One poller per CRM across all replicas: the poller holds a PostgreSQL session advisory lock on a connection of its
 * own. The lock goes when that session goes (the instance dies, the connection breaks, the database restarts), and
 * another replica takes it on its next attempt. Each cycle first checks that the session is still alive.
 */
@ApplicationScoped
public class PollLeadership {
    private static final Logger LOG = Logger.getLogger(PollLeadership.class);
    private static final Duration CALL = Duration.ofSeconds(10);

    private final SyncStore store;
    private final Map<Crm, SqlConnection> held = new EnumMap<>(Crm.class);

    public PollLeadership(SyncStore store) {
        this.store = store;
    }

    /** Whether this instance leads polling of {@code crm} now: keeps the lock it has, or tries to take it. */
    public synchronized boolean lead(Crm crm) {
        SqlConnection connection = held.get(crm);
        if (connection != null) {
            try {
                connection.query("SELECT 1").execute().await().atMost(CALL);
                return true;
            } catch (RuntimeException lost) {
                LOG.warnf("Lost the %s poll leadership (its database session failed: %s); will try to take it again", crm, lost.getMessage());
                held.remove(crm);
                closeQuietly(connection);
                return false;
            }
        }
        try {
            connection = store.pool().getConnection().await().atMost(CALL);
        } catch (RuntimeException unavailable) {
            LOG.debugf("No database connection for the %s poll leadership: %s", crm, unavailable.getMessage());
            return false;
        }
        try {
            Boolean locked = connection.preparedQuery("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked")
                    .execute(Tuple.of(lockName(crm))).await().atMost(CALL).iterator().next().getBoolean("locked");
            if (Boolean.TRUE.equals(locked)) {
                held.put(crm, connection);
                LOG.infof("This instance now leads %s polling", crm);
                return true;
            }
        } catch (RuntimeException failed) {
            LOG.debugf("Could not ask for the %s poll leadership: %s", crm, failed.getMessage());
        }
        closeQuietly(connection);
        return false;
    }

    public synchronized boolean holds(Crm crm) {
        return held.containsKey(crm);
    }

    /** Gives up leadership (shutdown, or the CRM is no longer synced). */
    public synchronized void release(Crm crm) {
        SqlConnection connection = held.remove(crm);
        if (connection != null) {
            try {
                connection.preparedQuery("SELECT pg_advisory_unlock(hashtextextended($1, 0))").execute(Tuple.of(lockName(crm))).await().atMost(CALL);
            } catch (RuntimeException ignored) {
                // closing the session releases it anyway
            }
            closeQuietly(connection);
        }
    }

    static String lockName(Crm crm) {
        return "stagegate:poll:" + crm.name();
    }

    void onStop(@Observes ShutdownEvent event) {
        for (Crm crm : Crm.values()) {
            release(crm);
        }
    }

    private static void closeQuietly(SqlConnection connection) {
        try {
            connection.close().await().atMost(CALL);
        } catch (RuntimeException ignored) {
            // already broken
        }
    }
}

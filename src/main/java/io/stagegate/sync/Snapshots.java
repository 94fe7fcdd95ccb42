package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/** The daily forecast snapshot, taken by the poll leader after a poll cycle, once a day. */
@ApplicationScoped
public class Snapshots {
    private static final Logger LOG = Logger.getLogger(Snapshots.class);
    private static final Duration DB = Duration.ofSeconds(60);

    private final SyncStore store;
    private final Clock clock;

    public Snapshots(SyncStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void takeIfDue(Crm crm) {
        LocalDate today = LocalDate.now(clock);
        if (!store.hasSnapshot(crm, today).await().atMost(DB)) {
            int rows = store.snapshot(crm, today).await().atMost(DB);
            LOG.debugf("%s forecast snapshot for %s: %d rows", crm, today, rows);
        }
    }
}

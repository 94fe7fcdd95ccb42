package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.playbook.ActivePlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Works the inbox on every instance: claims pushed events, reads their records from the CRM in as few calls as the API
 * allows and processes them like a poll page. Events whose records cannot be read fall due again with backoff.
 */
@ApplicationScoped
public class InboxWorker {
    private static final Duration DB = Duration.ofSeconds(60);
    /** How long a claim holds events: a worker that dies lets them fall due again after this. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final SyncConfig config;
    private final SyncTargets targets;
    private final ActivePlaybook playbook;
    private final InboxStore inbox;
    private final Pages pages;
    private final SyncStatuses statuses;
    private final Clock clock;

    public InboxWorker(SyncConfig config, SyncTargets targets, ActivePlaybook playbook, InboxStore inbox, Pages pages, SyncStatuses statuses,
            Clock clock) {
        this.config = config;
        this.targets = targets;
        this.playbook = playbook;
        this.inbox = inbox;
        this.pages = pages;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Reads the records of pushed events and processes them like a poll page, until the inbox holds no due event. */
    void drain(Crm crm) {
        CrmGateway gateway = targets.gateway(crm);
        while (true) {
            List<InboxStore.InboxRow> rows = inbox.claimInbox(crm, config.inboxBatch(), LEASE).await().atMost(DB);
            if (rows.isEmpty()) {
                return;
            }
            Set<String> ids = new LinkedHashSet<>();
            List<Long> rowIds = new ArrayList<>();
            for (InboxStore.InboxRow row : rows) {
                ids.addAll(row.recordIds());
                rowIds.add(row.id());
            }
            try {
                Instant readAt = clock.instant();
                List<CrmOpportunity> records = gateway.read(playbook.current().playbook(), new ArrayList<>(ids));
                pages.process(crm, records, readAt, "push", PageStore.Progress.inbox(rowIds));
                statuses.of(crm).inboxEventsProcessed.addAndGet(rows.size());
            } catch (CrmException e) {
                Instant retry = e instanceof CrmException.QuotaExhausted quota ? quota.resumeAt()
                        : clock.instant().plus(Backoff.after(config, rows.get(0).attempts()));
                inbox.inboxFailed(rows, e.getMessage(), retry, config.maxAttempts()).await().atMost(DB);
                throw e;
            }
            if (rows.size() < config.inboxBatch()) {
                return;
            }
        }
    }
}

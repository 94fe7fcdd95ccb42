package io.stagegate.sync;

import io.stagegate.criteria.Crm;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.SyncCursor;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.LoadedPlaybook;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads runs of changed pages from a gateway and processes pages of records: each page is evaluated and committed with
 * its progress in one transaction. The poller, the sweep and the inbox worker all feed their records through here.
 */
@ApplicationScoped
public class Pages {
    private static final Logger LOG = Logger.getLogger(Pages.class);
    private static final Duration DB = Duration.ofSeconds(60);
    static final String POLL = "poll";

    private final ActivePlaybook playbook;
    private final SyncTargets targets;
    private final PageStore store;
    private final SyncStatuses statuses;
    private final PollLeadership leadership;
    private final Clock clock;

    public Pages(ActivePlaybook playbook, SyncTargets targets, PageStore store, SyncStatuses statuses, PollLeadership leadership, Clock clock) {
        this.playbook = playbook;
        this.targets = targets;
        this.store = store;
        this.statuses = statuses;
        this.leadership = leadership;
        this.clock = clock;
    }

    /** How far a run of pages got: records read, and whether the window was read to its end. */
    record Read(int records, boolean complete) {
    }

    /**
     * Reads pages from {@code from} to {@code until} (at most {@code maxPages}), committing each with its cursor.
     * Every page counts as read when the run began: the pages after the first come from the query cursor the first one
     * opened, which holds the records as they were then (Salesforce's {@code nextRecordsUrl}, the sandbox alike). Stamped
     * with the time they were fetched, a record our relay wrote in between would look as if the write had not landed,
     * and be written again.
     */
    Read read(Crm crm, CrmGateway gateway, SyncCursor from, Instant until, String kind, int maxPages) {
        SyncCursor cursor = from;
        int records = 0;
        int pages = 0;
        Instant readAt = clock.instant();
        while (pages < maxPages) {
            ChangePage page = gateway.changedSince(playbook.current().playbook(), cursor, until);
            process(crm, page.records(), readAt, kind, PageStore.Progress.cursor(kind, page.next()));
            records += page.records().size();
            pages++;
            cursor = page.next();
            if (!page.more()) {
                return new Read(records, true);
            }
            if (!leadership.holds(crm)) {
                break;
            }
        }
        return new Read(records, false);
    }

    /**
     * Evaluates records and commits state, moves, outbox rows and progress in one transaction (retried on deadlock).
     * A poll skips the versions already processed (the stored {@code modified_at} equals the record's stamp): the
     * overlap window re-reads them only in case a row stamped among them committed late. The sweep and pushes process
     * every record they read (the sweep exists to evaluate the same version again, with today's date and playbook).
     */
    void process(Crm crm, List<CrmOpportunity> records, Instant readAt, String source, PageStore.Progress progress) {
        boolean skipsProcessed = POLL.equals(source);
        Map<String, CrmOpportunity> byId = new LinkedHashMap<>();
        for (CrmOpportunity record : records) {
            CrmOpportunity earlier = byId.get(record.id());
            if (earlier == null || !record.modifiedAt().isBefore(earlier.modifiedAt())) {
                byId.put(record.id(), record);
            }
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        LoadedPlaybook loaded = playbook.current();
        RecordProcessor processor = new RecordProcessor(playbook.evaluator(), targets.writeScope());
        CrmSyncStatus status = statuses.of(crm);
        for (int attempt = 1; ; attempt++) {
            try {
                List<Processed> results = store.commit(crm, ids, priors -> {
                    List<Processed> processed = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        CrmOpportunity record = byId.get(id);
                        Prior prior = priors.getOrDefault(id, Prior.NONE);
                        if (skipsProcessed && record.modifiedAt().equals(prior.modifiedAt())) {
                            continue;
                        }
                        processed.add(processor.process(record, prior, readAt, source));
                    }
                    return processed;
                }, loaded.sha256(), progress).await().atMost(DB);
                status.recordsProcessed.addAndGet(results.size());
                for (Processed result : results) {
                    status.transitionsRecorded.addAndGet(result.newTransitions().size());
                }
                return;
            } catch (PgException e) {
                if (attempt < 3 && ("40P01".equals(e.getSqlState()) || "40001".equals(e.getSqlState()))) {
                    LOG.debugf("page of %d records hit %s; retrying", ids.size(), e.getSqlState());
                    continue;
                }
                throw e;
            }
        }
    }
}

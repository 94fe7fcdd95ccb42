package io.stagegate.sync;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.stagegate.criteria.Crm;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * Prometheus metrics of the sync: lag, quota, queue depths, dead letters, work done, and the business numbers (the
 * recorded and the qualified forecast of open opportunities per pipeline and currency). Database-backed values are
 * refreshed every 15 seconds, not on every scrape.
 */
@Singleton
public class SyncMetrics {
    private static final Logger LOG = Logger.getLogger(SyncMetrics.class);

    private final SyncEngine engine;
    private final SyncView view;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Double> depths = new ConcurrentHashMap<>();
    private MultiGauge recorded;
    private MultiGauge qualified;
    private MultiGauge openCount;

    public SyncMetrics(SyncEngine engine, SyncView view, MeterRegistry registry, Clock clock) {
        this.engine = engine;
        this.view = view;
        this.registry = registry;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        for (Crm crm : Crm.values()) {
            Tags tags = Tags.of("crm", crm.name().toLowerCase(java.util.Locale.ROOT));
            CrmSyncStatus status = engine.status(crm);
            Gauge.builder("stagegate.sync.lag", status, s -> s.syncedUpTo() == null ? Double.NaN
                    : Duration.between(s.syncedUpTo(), clock.instant()).toMillis() / 1000.0).baseUnit("seconds").tags(tags)
                    .description("How far behind now the last completed poll reached").register(registry);
            Gauge.builder("stagegate.crm.quota.used", engine, e -> crm == e.activeCrm() ? e.quotaUsed(crm) : Double.NaN).tags(tags)
                    .description("Share of the CRM's daily API quota used, as last reported by the CRM").register(registry);
            Gauge.builder("stagegate.sync.poll.leader", engine, e -> e.leads(crm) ? 1 : 0).tags(tags)
                    .description("1 when this instance leads polling of the CRM").register(registry);
            Gauge.builder("stagegate.sync.healthy", status, s -> s.fatal() == null && s.setupProblems().isEmpty() ? 1 : 0).tags(tags)
                    .description("0 while the sync waits for an admin (credentials, permissions, setup)").register(registry);
            counter("stagegate.sync.records.processed", "Records evaluated by this instance", tags, status, CrmSyncStatus::recordsProcessed);
            counter("stagegate.sync.records.written", "Records whose qualified fields this instance wrote", tags, status, CrmSyncStatus::recordsWritten);
            counter("stagegate.sync.writes.verified", "In-doubt writes found already applied (not written again)", tags, status,
                    CrmSyncStatus::writesVerifiedWithoutWriting);
            counter("stagegate.sync.write.retries", "Per-record write failures retried later", tags, status, CrmSyncStatus::writeRetries);
            counter("stagegate.sync.dead.letters", "Writes the CRM refused (dead-lettered) by this instance", tags, status, CrmSyncStatus::deadLetters);
            counter("stagegate.sync.transitions", "Stage moves recorded", tags, status, CrmSyncStatus::transitionsRecorded);
            counter("stagegate.sync.inbox.processed", "Pushed events processed", tags, status, CrmSyncStatus::inboxEventsProcessed);
            for (String queue : List.of("outbox.pending", "outbox.sending", "outbox.shadow", "outbox.dead", "inbox.pending", "inbox.dead")) {
                String key = crm.name() + "/" + queue;
                depths.put(key, 0.0);
                Gauge.builder("stagegate.sync.queue.depth", depths, d -> d.getOrDefault(key, 0.0)).tags(tags.and("queue", queue))
                        .description("Rows waiting in the sync's queues (all instances)").register(registry);
            }
        }
        recorded = MultiGauge.builder("stagegate.forecast.recorded").description("Recorded (rep) forecast of open opportunities").register(registry);
        qualified = MultiGauge.builder("stagegate.forecast.qualified").description("Qualified forecast of open opportunities").register(registry);
        openCount = MultiGauge.builder("stagegate.opportunities.open").description("Open opportunities").register(registry);
    }

    private <T> void counter(String name, String description, Tags tags, T target, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, target, value).tags(tags).description(description).register(registry);
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Crm crm = engine.activeCrm();
        if (crm == null) {
            return;
        }
        try {
            view.depths(crm).forEach((queue, count) -> depths.put(crm.name() + "/" + queue, count.doubleValue()));
            List<MultiGauge.Row<?>> recordedRows = new ArrayList<>();
            List<MultiGauge.Row<?>> qualifiedRows = new ArrayList<>();
            List<MultiGauge.Row<?>> openRows = new ArrayList<>();
            for (SyncView.ForecastRow row : view.forecast(crm)) {
                Tags tags = Tags.of("crm", crm.name().toLowerCase(java.util.Locale.ROOT), "pipeline", row.pipeline(), "currency", row.currency());
                recordedRows.add(MultiGauge.Row.of(tags, row.recorded().doubleValue()));
                qualifiedRows.add(MultiGauge.Row.of(tags, row.qualified().doubleValue()));
                openRows.add(MultiGauge.Row.of(tags, row.open()));
            }
            recorded.register(recordedRows, true);
            qualified.register(qualifiedRows, true);
            openCount.register(openRows, true);
        } catch (RuntimeException e) {
            LOG.debugf("sync metrics not refreshed: %s", e.getMessage());
        }
    }
}

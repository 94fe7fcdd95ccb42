package io.stagegate.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.stagegate.backtest.QuarterBacktest;
import io.stagegate.config.StagegateConfig;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Playbook;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmHistory;
import io.stagegate.playbook.ActivePlaybook;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs backtests in the background, one at a time (the database refuses a second unfinished run), each as: read the
 * CRM's history once from the oldest missing quarter's first day, then rebuild and store each missing quarter. A run
 * holds a heartbeat while it works; after a restart (or on another instance) a run whose heartbeat went stale is taken
 * up again, and computes only the quarters it has not stored. The history read itself cannot be resumed half-way (the
 * connectors return it whole), so a run stopped during the read reads again. The CRM's quota stop pauses a run until the
 * connector expects room again; passing failures pause it with a growing delay, up to {@link #MAX_ATTEMPTS}.
 */
@ApplicationScoped
public class BacktestRuns {
    public static final int MAX_QUARTERS = 8;
    public static final int MAX_TOP = 50;
    private static final Logger LOG = Logger.getLogger(BacktestRuns.class);
    private static final Duration QUOTA_PAUSE = Duration.ofMinutes(15);
    /** A running run whose instance has not shown life for this long is taken up again (after a restart or a crash). */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Passing failures a run survives, each followed by a longer pause, before it fails. */
    static final int MAX_ATTEMPTS = 5;

    private final BacktestStore store;
    private final BacktestConfig config;
    private final SyncTargets targets;
    private final ActivePlaybook playbook;
    private final Clock clock;
    private final ObjectMapper json;
    private final StagegateConfig stagegate;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("stagegate-backtest"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("stagegate-backtest-heartbeat"));

    public BacktestRuns(BacktestStore store, BacktestConfig config, SyncTargets targets, ActivePlaybook playbook, Clock clock, ObjectMapper json,
            StagegateConfig stagegate) {
        this.store = store;
        this.stagegate = stagegate;
        this.config = config;
        this.targets = targets;
        this.playbook = playbook;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Queues a backtest of the active playbook's CRM and starts it on this instance; when one is unfinished, nothing
     * starts and that one is answered.
     *
     * @throws IllegalStateException when no connector of the playbook's CRM is configured
     */
    public BacktestStore.Start start(int quarters, int top, String requestedBy) {
        if (quarters < 1 || quarters > MAX_QUARTERS || top < 0 || top > MAX_TOP) {
            throw new IllegalArgumentException("quarters must be 1-" + MAX_QUARTERS + " and top 0-" + MAX_TOP + ", were " + quarters + " and " + top);
        }
        Crm crm = playbook.current().playbook().crm();
        if (targets.gateway(crm) == null) {
            throw new IllegalStateException("no " + crm.name().toLowerCase(Locale.ROOT) + " connector is configured to read history from: "
                    + targets.idleReason());
        }
        BacktestStore.Start start = store.start(crm.name(), quarters, top, requestedBy);
        if (start.started()) {
            worker.execute(this::takeUp);
        }
        return start;
    }

    @Scheduled(every = "15s", delayed = "${stagegate.sync.start-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SyncSchedules.Off.class)
    void scheduledTakeUp() {
        if (stagegate.mode() == StagegateConfig.Mode.SERVICE) { // a sandbox-only instance has no database
            worker.execute(this::takeUp);
        }
    }

    /** Takes up the unfinished run if nobody holds it, and runs it to its end or its next pause; false when there was none. */
    boolean takeUp() {
        try {
            return store.claim(LEASE).map(run -> {
                run(run);
                return true;
            }).orElse(false);
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next check tries again
            LOG.warnf("Cannot look for a backtest to run: %s", e.toString());
            return false;
        }
    }

    private void run(BacktestStore.Run run) {
        long period = Math.max(1, LEASE.toMillis() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(run.id()), period, period, TimeUnit.MILLISECONDS);
        try {
            LOG.infof("Backtest %d: %d quarters of %s, attempt %d", run.id(), run.quarters(), run.crm(), run.attempts());
            complete(run);
            store.finish(run.id(), "done", null);
            LOG.infof("Backtest %d done", run.id());
        } catch (CrmException.QuotaExhausted e) {
            Instant resume = e.resumeAt() == null || !e.resumeAt().isAfter(clock.instant()) ? clock.instant().plus(QUOTA_PAUSE) : e.resumeAt();
            store.pause(run.id(), resume, "paused at the CRM quota stop: " + e.getMessage());
        } catch (CrmException.Fatal | IllegalArgumentException | IllegalStateException e) {
            LOG.warnf("Backtest %d failed: %s", run.id(), e.getMessage());
            store.finish(run.id(), "failed", e.getMessage());
        } catch (RuntimeException e) {
            // a CRM that stays away, or anything unforeseen: pause and try again, but never forever
            LOG.warnf("Backtest %d, attempt %d: %s", run.id(), run.attempts(), e.toString());
            if (run.attempts() >= MAX_ATTEMPTS) {
                store.finish(run.id(), "failed", "gave up after " + run.attempts() + " attempts: " + e.getMessage());
            } else {
                Duration wait = Duration.ofSeconds(30L << Math.min(run.attempts(), 6));
                store.pause(run.id(), clock.instant().plus(wait), "paused after attempt " + run.attempts() + " failed: " + e.getMessage());
            }
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void complete(BacktestStore.Run run) {
        Crm crm = Crm.valueOf(run.crm());
        Playbook active = playbook.current().playbook();
        if (active.crm() != crm) {
            throw new IllegalStateException("the active playbook is for " + active.crm() + " now, not " + crm + ": start a new backtest");
        }
        CrmGateway gateway = targets.gateway(crm);
        if (gateway == null) {
            throw new IllegalStateException("no " + crm + " connector is configured any more: " + targets.idleReason());
        }
        Evaluator evaluator = playbook.evaluator();
        ZoneId zone = evaluator.clock().getZone();
        Set<LocalDate> stored = new HashSet<>(store.storedQuarters(run.id()));
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate start : closedQuarters(LocalDate.now(evaluator.clock()), run.quarters())) {
            if (!stored.contains(start)) {
                missing.add(start);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        store.phase(run.id(), "reading history");
        Instant since = missing.get(0).atStartOfDay(zone).toInstant();
        CrmHistory history = gateway.history(active, since);
        store.read(run.id(), history.opportunities().size(), history.calls(), new ArrayList<>(history.untrackedFields()), history.historyFrom());
        if (history.opportunities().size() > config.maxOpportunities()) {
            throw new IllegalStateException("the history holds " + history.opportunities().size() + " opportunities, more than a backtest rebuilds ("
                    + config.maxOpportunities() + ", STAGEGATE_BACKTEST_MAX_OPPORTUNITIES)");
        }
        for (LocalDate start : missing) {
            store.phase(run.id(), "rebuilding " + start);
            LocalDate end = start.plusMonths(3).minusDays(1);
            BacktestQuarterView view = BacktestQuarterView.of(start, end, QuarterBacktest.byPipeline(evaluator, history.opportunities(), start, end,
                    run.top()));
            store.storeQuarter(run.id(), start, write(view));
        }
    }

    /** The first days of the last {@code count} closed quarters before {@code today}, oldest first. */
    static List<LocalDate> closedQuarters(LocalDate today, int count) {
        LocalDate current = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        List<LocalDate> starts = new ArrayList<>(count);
        for (int i = count; i >= 1; i--) {
            starts.add(current.minusMonths(3L * i));
        }
        return starts;
    }

    private void beat(long id) {
        try {
            store.heartbeat(id);
        } catch (RuntimeException e) {
            LOG.debugf("Backtest %d: heartbeat not stored: %s", id, e.toString());
        }
    }

    private String write(BacktestQuarterView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the figures of " + view.quarter() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        heartbeats.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

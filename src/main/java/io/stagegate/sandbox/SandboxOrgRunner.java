package io.stagegate.sandbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stagegate.sandbox.org.DealChange;
import io.stagegate.sandbox.org.DealState;
import io.stagegate.sandbox.org.OrgGenerator;
import io.stagegate.sandbox.org.PastQuarters;
import io.stagegate.sandbox.org.ScenarioDriver;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Fills every simulated CRM with the synthetic org at startup and, when a scenario interval is set, lets the reps act
 * on their open deals every interval, so that syncs see a live org change under them.
 */
@Singleton
public class SandboxOrgRunner {
    private static final Logger LOG = Logger.getLogger(SandboxOrgRunner.class);

    private final SandboxConfig config;
    private final Instance<ScenarioTarget> targets;
    private final Clock clock;
    private final List<Running> running = new ArrayList<>();
    private ScheduledExecutorService scheduler;

    /** One CRM's scenario state: the driver and the open deals it may act on. */
    private static final class Running {
        final ScenarioTarget target;
        final OrgGenerator generator;
        final ScenarioDriver driver;
        final List<DealState> open;
        final SplittableRandom random;

        Running(ScenarioTarget target, OrgGenerator generator, ScenarioDriver driver, List<DealState> open, SplittableRandom random) {
            this.target = target;
            this.generator = generator;
            this.driver = driver;
            this.open = open;
            this.random = random;
        }
    }

    public SandboxOrgRunner(SandboxConfig config, Instance<ScenarioTarget> targets, Clock clock) {
        this.config = config;
        this.targets = targets;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || !config.seedOnStart()) {
            return;
        }
        for (ScenarioTarget target : targets) {
            seed(target);
        }
        long interval = config.scenario().intervalSeconds();
        if (interval > 0) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sandbox-scenario");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.SECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Seeds one CRM; returns how many deals it now holds. */
    public synchronized int seed(ScenarioTarget target) {
        long started = System.nanoTime();
        OrgGenerator generator = new OrgGenerator(target.playbook(), config.seed(), config.size(), clock);
        ScenarioDriver driver = new ScenarioDriver(target.playbook(), clock.getZone());
        List<DealState> open = new ArrayList<>();
        target.seed(generator.deals().peek(deal -> {
            DealState state = DealState.of(deal);
            if (driver.isOpen(state)) {
                open.add(state);
            }
        }));
        running.removeIf(r -> r.target.crm() == target.crm());
        running.add(new Running(target, generator, driver, open, new SplittableRandom(config.seed() ^ target.crm().ordinal())));
        LOG.infof("Sandbox %s seeded with %d opportunities of %d reps (seed %d) in %d ms; %d open", target.crm(), config.size(),
                generator.reps().size(), config.seed(), (System.nanoTime() - started) / 1_000_000, open.size());
        return config.size();
    }

    /**
     * The ground truth of one seeded CRM's past (what closed won per quarter, and the forecasts as the org stood on each
     * quarter's first day), from the generator that seeded it; empty when that CRM was not seeded.
     */
    public synchronized Optional<List<PastQuarters.Figures>> pastQuarters(SandboxCrm crm, int quarters) {
        for (Running run : running) {
            if (run.target.crm() == crm) {
                return Optional.of(PastQuarters.of(run.generator, quarters));
            }
        }
        return Optional.empty();
    }

    /** One round of rep actions in every CRM; returns the number of changes applied. */
    public synchronized int tick() {
        return tickByCrm().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One round of rep actions in every CRM; returns the changes applied in each seeded CRM (0 for one whose step failed). */
    public synchronized Map<SandboxCrm, Integer> tickByCrm() {
        Map<SandboxCrm, Integer> applied = new EnumMap<>(SandboxCrm.class);
        for (Running run : running) {
            int changes = 0;
            try {
                changes = tick(run);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Sandbox %s scenario step failed", run.target.crm());
            }
            applied.merge(run.target.crm(), changes, Integer::sum);
        }
        return applied;
    }

    private int tick(Running run) {
        int applied = 0;
        for (int i = 0; i < config.scenario().actionsPerTick() && !run.open.isEmpty(); i++) {
            int index = run.random.nextInt(run.open.size());
            DealState deal = run.open.get(index);
            DealChange change = run.driver.act(deal, clock.instant(), run.random).orElse(null);
            if (change == null) {
                continue;
            }
            run.target.apply(change, deal.owner());
            DealState next = deal.apply(change);
            if (run.driver.isOpen(next)) {
                run.open.set(index, next);
            } else {
                run.open.remove(index);
            }
            applied++;
        }
        return applied;
    }
}

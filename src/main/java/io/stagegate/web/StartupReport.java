package io.stagegate.web;

import io.quarkus.runtime.StartupEvent;
import io.stagegate.config.StagegateConfig;
import io.stagegate.criteria.Evaluation;
import io.stagegate.forecast.ForecastSummary;
import io.stagegate.config.PlaybookFollower;
import io.stagegate.persistence.PlaybookVersion;
import io.stagegate.playbook.ActivePlaybook;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Records the playbook file, adopts the active playbook version, and tells whoever started the service what it sees, in a few log lines. */
@Singleton
public class StartupReport {
    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    private final ActivePlaybook active;
    private final PlaybookFollower follower;
    private final DemoSample demo;
    private final StagegateConfig config;
    private final int port;

    public StartupReport(ActivePlaybook active, PlaybookFollower follower, DemoSample demo, StagegateConfig config,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        this.active = active;
        this.follower = follower;
        this.demo = demo;
        this.config = config;
        this.port = port;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == StagegateConfig.Mode.SANDBOX) {
            LOG.infof("Sandbox CRMs at http://localhost:%d/sandbox/salesforce and http://localhost:%d/sandbox/hubspot, statistics at /sandbox/stats", port, port);
            return;
        }
        PlaybookVersion version = follower.start();
        LOG.infof("Active playbook: '%s' for %s from %s (version %d)", active.current().playbook().name(),
                active.current().playbook().crm(), active.current().source(), version.id());
        List<Evaluation> evaluations = demo.evaluations();
        ForecastSummary summary = demo.summary(evaluations);
        summary.byCurrency().forEach((currency, totals) -> LOG.infof(
                "Sample export (%s, as of %s): %s open forecast %s recorded by reps vs %s qualified by exit criteria",
                DemoSample.LOCATION, DemoSample.AS_OF, currency, totals.recordedForecast().toPlainString(), totals.qualifiedForecast().toPlainString()));
        LOG.infof("Sample export: %d of %d open opportunities are over-staged, %d stalled. See http://localhost:%d/ , the API at http://localhost:%d/q/swagger-ui",
                summary.overStaged(), summary.open(), summary.stalled(), port, port);
    }
}

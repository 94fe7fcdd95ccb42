package io.stagegate.web;

import io.stagegate.api.CsvExports;
import io.stagegate.config.EngineProducer;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.forecast.ForecastSummary;
import io.stagegate.playbook.LoadedPlaybook;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled sample export (samples/demo-salesforce.csv) evaluated with the shipped Salesforce playbook, so a
 * newcomer sees what Stagegate concludes before any CRM is connected. Its dates were written for {@link #AS_OF}.
 */
@ApplicationScoped
public class DemoSample {
    public static final String LOCATION = "samples/demo-salesforce.csv";
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);

    private final LoadedPlaybook playbook = EngineProducer.shipped("salesforce");
    private final Evaluator evaluator;
    private final List<Opportunity> opportunities;

    public DemoSample(Clock clock) {
        this.evaluator = new Evaluator(playbook.playbook(), clock);
        try (InputStream in = DemoSample.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing from the build");
            }
            this.opportunities = CsvExports.read(in, Crm.SALESFORCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LoadedPlaybook playbook() {
        return playbook;
    }

    public List<Evaluation> evaluations() {
        List<Evaluation> evaluations = new ArrayList<>(opportunities.size());
        opportunities.forEach(opportunity -> evaluations.add(evaluator.evaluate(opportunity, AS_OF)));
        return evaluations;
    }

    public ForecastSummary summary(List<Evaluation> evaluations) {
        ForecastSummary summary = new ForecastSummary();
        evaluations.forEach(summary::add);
        return summary;
    }
}

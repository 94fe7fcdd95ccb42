package io.stagegate.sync;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.EvaluationException;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Previews a candidate playbook: evaluates every stored opportunity of its CRM with the active and the candidate
 * playbook and adds up what moves. Reads {@value #PAGE} rows at a time in id order and keeps only the running sums, so
 * memory does not grow with the org; stops after {@value #MAX_OPPORTUNITIES} opportunities and says so. No CRM call.
 */
@ApplicationScoped
public class PlaybookPreview {
    /** Opportunities evaluated at most per preview: bounds its time (two evaluations each) on a huge org. */
    public static final int MAX_OPPORTUNITIES = 250_000;
    static final int PAGE = 500;
    static final int MAX_EXAMPLES = 50;
    private static final Duration DB = Duration.ofSeconds(60);

    private final StoredInputs inputs;
    private final Clock clock;

    public PlaybookPreview(StoredInputs inputs, Clock clock) {
        this.inputs = inputs;
        this.clock = clock;
    }

    /** The impact of replacing {@code active} with {@code candidate}; both must be for the same CRM. */
    public PlaybookImpact impact(Playbook active, Playbook candidate) {
        return impact(active, candidate, MAX_OPPORTUNITIES);
    }

    PlaybookImpact impact(Playbook active, Playbook candidate, int max) {
        if (active.crm() != candidate.crm()) {
            throw new IllegalArgumentException("the candidate is for " + candidate.crm() + ", the active playbook for " + active.crm());
        }
        Evaluator before = new Evaluator(active, clock);
        Evaluator after = new Evaluator(candidate, clock);
        LocalDate today = before.today();
        ImpactTally tally = new ImpactTally(MAX_EXAMPLES);
        String last = "";
        int seen = 0;
        while (true) {
            List<StoredInputs.Stored> page = inputs.page(candidate.crm(), last, Math.min(PAGE, max - seen + 1)).await().atMost(DB);
            for (StoredInputs.Stored stored : page) {
                if (seen == max) {
                    return tally.result(candidate.crm().name(), max, true);
                }
                Opportunity opportunity = withCrmPipeline(stored, active);
                tally.add(opportunity.id(), opportunity.owner(), evaluate(before, opportunity, today), evaluate(after, opportunity, today));
                seen++;
                last = opportunity.id();
            }
            if (page.size() < PAGE) {
                return tally.result(candidate.crm().name(), max, false);
            }
        }
    }

    private static Evaluation evaluate(Evaluator evaluator, Opportunity opportunity, LocalDate today) {
        try {
            return evaluator.evaluate(opportunity, today);
        } catch (EvaluationException e) {
            return null;
        }
    }

    /**
     * Rows stored before the sync kept the CRM's own pipeline hold the active playbook's pipeline key instead: map the key
     * back to the first CRM pipeline of that pipeline (or none, for the default pipeline).
     */
    private static Opportunity withCrmPipeline(StoredInputs.Stored stored, Playbook active) {
        Opportunity o = stored.opportunity();
        if (stored.crmPipelineKnown() || stored.storedPipeline() == null) {
            return o;
        }
        for (Pipeline pipeline : active.pipelines()) {
            if (pipeline.key().equals(stored.storedPipeline()) && !pipeline.crmPipelines().contains(stored.storedPipeline())) {
                String crmPipeline = pipeline.crmPipelines().isEmpty() ? null : pipeline.crmPipelines().get(0);
                return new Opportunity(o.id(), crmPipeline, o.stage(), o.amount(), o.currency(), o.closeDate(), o.owner(), o.fields(),
                        o.relatedCounts(), o.stageEnteredOn(), o.history());
            }
        }
        return o;
    }
}

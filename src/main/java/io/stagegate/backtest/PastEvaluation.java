package io.stagegate.backtest;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Rule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rebuilt opportunity judged as of its instant, and which of the fields and relations its verdicts read had unknown
 * values then: when any did, its qualified forecast rests on fields without history (an unknown field counts as empty,
 * so such a criterion fails and the qualified figure is a floor).
 *
 * @param unknownRead the unknown fields and relations the judged criteria read, sorted
 */
public record PastEvaluation(PastOpportunity past, Evaluation evaluation, Set<String> unknownRead) {
    public PastEvaluation {
        Objects.requireNonNull(past, "past");
        Objects.requireNonNull(evaluation, "evaluation");
        unknownRead = Set.copyOf(unknownRead);
    }

    /** Whether the figures of this opportunity depend on something the history could not tell. */
    public boolean restsOnUnknown() {
        return past.beforeHistory() || !unknownRead.isEmpty();
    }

    /**
     * Rebuilds {@code opportunity} as of {@code at} and judges it with {@code evaluator} on that day (in the evaluator's
     * zone), so date criteria see the day as it was; empty if the opportunity did not exist at {@code at}.
     */
    public static Optional<PastEvaluation> judge(Evaluator evaluator, OpportunityPast opportunity, Instant at) {
        return PointInTime.asOf(opportunity, at, evaluator.clock().getZone()).map(past -> {
            LocalDate day = LocalDate.ofInstant(at, evaluator.clock().getZone());
            Evaluation evaluation = evaluator.evaluate(past.opportunity(), day);
            Set<String> read = new TreeSet<>();
            for (CriterionVerdict verdict : evaluation.verdicts()) {
                Rule rule = verdict.criterion().rule();
                rule.fields().stream().filter(past.unknownFields()::contains).forEach(read::add);
                rule.relations().stream().filter(past.unknownRelations()::contains).forEach(read::add);
            }
            return new PastEvaluation(past, evaluation, read);
        });
    }
}

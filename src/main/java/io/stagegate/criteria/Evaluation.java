package io.stagegate.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the engine concluded about one opportunity at one moment.
 *
 * @param recordedStage the journey stage the rep's CRM stage maps to (r)
 * @param qualifiedStage the highest stage k ≤ r such that every exit criterion of every stage before k is met (q)
 * @param verdicts every exit criterion evaluated, stage by stage: those of stages before r decide q, those of r itself
 *     say what the opportunity needs to move on
 * @param recordedForecast amount × the default probability of the recorded CRM stage (the CRM's weighted amount)
 * @param qualifiedForecast amount × qualified probability, in {@code currency}
 * @param daysInStage days since the opportunity entered its CRM stage, when known
 * @param debriefQuestions the questions to ask, blocking ones first (or the won checklist / lost post-mortem)
 * @param transitions the stage moves found in the opportunity's history, oldest first
 */
public record Evaluation(
        String opportunityId,
        String pipeline,
        String owner,
        OpportunityStatus status,
        StageRef recordedStage,
        StageRef qualifiedStage,
        List<CriterionVerdict> verdicts,
        String currency,
        BigDecimal amount,
        BigDecimal recordedProbability,
        BigDecimal qualifiedProbability,
        BigDecimal recordedForecast,
        BigDecimal qualifiedForecast,
        ForecastCategory recordedCategory,
        ForecastCategory qualifiedCategory,
        boolean overStaged,
        boolean stalled,
        Integer daysInStage,
        List<String> debriefQuestions,
        List<StageTransition> transitions) {

    public Evaluation {
        verdicts = List.copyOf(verdicts);
        debriefQuestions = List.copyOf(debriefQuestions);
        transitions = List.copyOf(transitions);
    }

    /** Unmet criteria of the stages before the recorded one: why an open opportunity is over-staged. None once closed. */
    public List<CriterionVerdict> missingCriteria() {
        List<CriterionVerdict> missing = new ArrayList<>();
        if (status != OpportunityStatus.OPEN) {
            return missing;
        }
        for (CriterionVerdict verdict : verdicts) {
            if (!verdict.met() && verdict.stageIndex() < recordedStage.index()) {
                missing.add(verdict);
            }
        }
        return missing;
    }

    /** How much of the rep's forecast the exit criteria do not support. */
    public BigDecimal forecastGap() {
        return recordedForecast.subtract(qualifiedForecast);
    }

    /** The most recent forward move, if the history shows one. */
    public Optional<StageTransition> latestForwardMove() {
        for (int i = transitions.size() - 1; i >= 0; i--) {
            if (transitions.get(i).isForward()) {
                return Optional.of(transitions.get(i));
            }
        }
        return Optional.empty();
    }

    /** True when the move that brought the opportunity forward most recently skipped exit criteria. */
    public boolean stageSkip() {
        return latestForwardMove().map(StageTransition::skippedCriteria).orElse(false);
    }

    public boolean isOpen() {
        return status == OpportunityStatus.OPEN;
    }
}

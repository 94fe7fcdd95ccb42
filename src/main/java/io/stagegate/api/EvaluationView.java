package io.stagegate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageRef;
import io.stagegate.criteria.StageTransition;
import io.stagegate.criteria.Writeback;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One evaluation as the API shows it. Probabilities are fractions (0–1); money is in {@code currency}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationView(
        String id,
        String pipeline,
        String owner,
        String status,
        Stage recordedStage,
        Stage qualifiedStage,
        boolean overStaged,
        boolean stalled,
        Integer daysInStage,
        boolean stageSkip,
        String currency,
        BigDecimal amount,
        BigDecimal recordedProbability,
        BigDecimal qualifiedProbability,
        BigDecimal recordedForecast,
        BigDecimal qualifiedForecast,
        BigDecimal forecastGap,
        String recordedCategory,
        String qualifiedCategory,
        List<Criterion> criteria,
        List<String> debriefQuestions,
        List<Move> transitions,
        Map<String, Object> writeback) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stage(String key, String label, String crmStage) {
        static Stage of(StageRef ref) {
            return new Stage(ref.key(), ref.label(), ref.crmStage());
        }
    }

    /** An exit criterion's verdict; {@code stage} is the journey stage whose exit it guards. */
    public record Criterion(String key, String label, String stage, boolean met, String observed, String question) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Move(String from, String to, Instant at, String kind, List<String> skippedStages, List<String> skippedCriteria) {
    }

    public static EvaluationView of(Playbook playbook, Evaluation evaluation) {
        var pipeline = playbook.pipelines().stream().filter(p -> p.key().equals(evaluation.pipeline())).findFirst().orElseThrow();
        List<Criterion> criteria = new ArrayList<>(evaluation.verdicts().size());
        for (CriterionVerdict verdict : evaluation.verdicts()) {
            criteria.add(new Criterion(verdict.key(), verdict.criterion().label(), pipeline.stage(verdict.stageIndex()).key(),
                    verdict.met(), verdict.observed(), verdict.criterion().question()));
        }
        List<Move> moves = new ArrayList<>(evaluation.transitions().size());
        for (StageTransition move : evaluation.transitions()) {
            List<String> skipped = new ArrayList<>();
            move.unmetCriteria().forEach(verdict -> skipped.add(verdict.key()));
            moves.add(new Move(move.fromStage(), move.toStage(), move.at(), move.kind().name(), move.skippedStages(), skipped));
        }
        return new EvaluationView(
                evaluation.opportunityId(),
                evaluation.pipeline(),
                evaluation.owner(),
                evaluation.status().name(),
                Stage.of(evaluation.recordedStage()),
                Stage.of(evaluation.qualifiedStage()),
                evaluation.overStaged(),
                evaluation.stalled(),
                evaluation.daysInStage(),
                evaluation.stageSkip(),
                evaluation.currency(),
                evaluation.amount(),
                evaluation.recordedProbability(),
                evaluation.qualifiedProbability(),
                evaluation.recordedForecast(),
                evaluation.qualifiedForecast(),
                evaluation.forecastGap(),
                evaluation.recordedCategory().name(),
                evaluation.qualifiedCategory().name(),
                criteria,
                evaluation.debriefQuestions(),
                moves,
                Writeback.values(playbook, evaluation));
    }
}

package io.stagegate.criteria;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The values Stagegate writes back for an evaluation, keyed by the playbook's output field names, in the CRM's own
 * conventions: probability scale and forecast category names from the playbook's {@link CrmDialect}, text limits.
 * {@code null} clears a field.
 */
public final class Writeback {
    /** Salesforce Text fields hold at most 255 characters. */
    public static final int SHORT_TEXT = 255;
    /** The shipped Salesforce Long Text Area holds 32,768 characters. */
    public static final int LONG_TEXT = 32_768;

    private Writeback() {
    }

    public static Map<String, Object> values(Playbook playbook, Evaluation evaluation) {
        CrmDialect dialect = playbook.dialect();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(playbook.outputField(OutputField.QUALIFIED_STAGE), evaluation.qualifiedStage().label());
        values.put(playbook.outputField(OutputField.QUALIFIED_PROBABILITY), dialect.probabilityScale().fromFraction(evaluation.qualifiedProbability()));
        values.put(playbook.outputField(OutputField.QUALIFIED_FORECAST_AMOUNT), evaluation.qualifiedForecast());
        values.put(playbook.outputField(OutputField.QUALIFIED_FORECAST_CATEGORY), dialect.forecastCategory(evaluation.qualifiedCategory()));
        values.put(playbook.outputField(OutputField.OVER_STAGED), evaluation.overStaged());
        values.put(playbook.outputField(OutputField.MISSING_EXIT_CRITERIA), truncate(missing(evaluation.missingCriteria()), SHORT_TEXT));
        values.put(playbook.outputField(OutputField.STAGE_SKIP), evaluation.stageSkip());
        values.put(playbook.outputField(OutputField.SKIPPED_CRITERIA_DETAIL), truncate(skipDetail(evaluation.transitions()), LONG_TEXT));
        values.put(playbook.outputField(OutputField.NEXT_DEBRIEF_QUESTION),
                evaluation.isOpen() && !evaluation.debriefQuestions().isEmpty() ? truncate(evaluation.debriefQuestions().get(0), SHORT_TEXT) : null);
        return values;
    }

    private static String missing(List<CriterionVerdict> missing) {
        if (missing.isEmpty()) {
            return null;
        }
        StringJoiner text = new StringJoiner("; ");
        missing.forEach(verdict -> text.add(verdict.criterion().label()));
        return text.toString();
    }

    /** One line per forward move that skipped criteria, newest first. */
    private static String skipDetail(List<StageTransition> transitions) {
        StringJoiner text = new StringJoiner("\n");
        for (int i = transitions.size() - 1; i >= 0; i--) {
            StageTransition move = transitions.get(i);
            if (move.isForward() && move.skippedCriteria()) {
                StringJoiner criteria = new StringJoiner("; ");
                move.unmetCriteria().forEach(verdict -> criteria.add(verdict.criterion().label()));
                text.add((move.at() == null ? "" : move.at().toString().substring(0, 10) + " ")
                        + move.fromStage() + " → " + move.toStage() + ": skipped " + criteria);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}

package io.stagegate.sync;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.OpportunityStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Adds up the evaluations of one opportunity under the active and the candidate playbook. Pure; its memory is one
 * entry per pipeline and currency plus a bounded list of examples, however many opportunities pass through.
 */
final class ImpactTally {
    private final int maxExamples;
    private final Map<String, Sums> rollups = new TreeMap<>();
    private final List<PlaybookImpact.Change> examples = new ArrayList<>();
    private int evaluated;
    private int changedQualified;
    private int changedOverStaged;
    private int unevaluableBefore;
    private int unevaluableAfter;

    private static final class Sums {
        final String pipeline;
        final String currency;
        int openBefore;
        int openAfter;
        BigDecimal recordedBefore = BigDecimal.ZERO;
        BigDecimal recordedAfter = BigDecimal.ZERO;
        BigDecimal qualifiedBefore = BigDecimal.ZERO;
        BigDecimal qualifiedAfter = BigDecimal.ZERO;

        Sums(String pipeline, String currency) {
            this.pipeline = pipeline;
            this.currency = currency;
        }
    }

    ImpactTally(int maxExamples) {
        this.maxExamples = maxExamples;
    }

    /** One opportunity: its evaluation under each playbook, {@code null} where that playbook cannot evaluate it. */
    void add(String id, String owner, Evaluation before, Evaluation after) {
        evaluated++;
        if (before == null) {
            unevaluableBefore++;
        } else if (before.status() == OpportunityStatus.OPEN) {
            Sums sums = sums(before);
            sums.openBefore++;
            sums.recordedBefore = sums.recordedBefore.add(before.recordedForecast());
            sums.qualifiedBefore = sums.qualifiedBefore.add(before.qualifiedForecast());
        }
        if (after == null) {
            unevaluableAfter++;
        } else if (after.status() == OpportunityStatus.OPEN) {
            Sums sums = sums(after);
            sums.openAfter++;
            sums.recordedAfter = sums.recordedAfter.add(after.recordedForecast());
            sums.qualifiedAfter = sums.qualifiedAfter.add(after.qualifiedForecast());
        }
        if (overStaged(before) != overStaged(after)) {
            changedOverStaged++;
        }
        if (!Objects.equals(qualified(before), qualified(after))) {
            changedQualified++;
            if (examples.size() < maxExamples) {
                Evaluation either = after != null ? after : before;
                examples.add(new PlaybookImpact.Change(id, owner, either.pipeline(), either.recordedStage().crmStage(), qualified(before),
                        qualified(after), before == null ? null : before.qualifiedForecast(), after == null ? null : after.qualifiedForecast()));
            }
        }
    }

    PlaybookImpact result(String crm, int limit, boolean truncated) {
        List<PlaybookImpact.Rollup> rows = new ArrayList<>(rollups.size());
        for (Sums s : rollups.values()) {
            rows.add(new PlaybookImpact.Rollup(s.pipeline, s.currency, s.openBefore, s.openAfter, s.recordedBefore, s.recordedAfter,
                    s.qualifiedBefore, s.qualifiedAfter, s.recordedAfter.subtract(s.recordedBefore), s.qualifiedAfter.subtract(s.qualifiedBefore)));
        }
        return new PlaybookImpact(crm, evaluated, limit, truncated, changedQualified, changedOverStaged, unevaluableBefore, unevaluableAfter,
                List.copyOf(rows), List.copyOf(examples));
    }

    private Sums sums(Evaluation evaluation) {
        return rollups.computeIfAbsent(evaluation.pipeline() + '\u0000' + evaluation.currency(),
                key -> new Sums(evaluation.pipeline(), evaluation.currency()));
    }

    private static boolean overStaged(Evaluation evaluation) {
        return evaluation != null && evaluation.overStaged();
    }

    /**
     * The qualified stage as the CRM would see it: the CRM stage Stagegate writes for an open opportunity, the status of
     * a closed one, nothing for one that cannot be evaluated. Renaming a journey stage's key changes nothing here.
     */
    private static String qualified(Evaluation evaluation) {
        if (evaluation == null) {
            return null;
        }
        if (evaluation.status() != OpportunityStatus.OPEN) {
            return evaluation.status().name();
        }
        String crmStage = evaluation.qualifiedStage().crmStage();
        return crmStage == null ? evaluation.qualifiedStage().key() : crmStage;
    }
}

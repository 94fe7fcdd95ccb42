package io.stagegate.forecast;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.OpportunityStatus;
import io.stagegate.criteria.StageTransition;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds evaluations up: recorded versus qualified forecast per currency (never mixed), and how many opportunities are
 * over-staged, stalled or reached their stage by skipping criteria. Not thread-safe; one per batch.
 */
public final class ForecastSummary {
    private long count;
    private long open;
    private long won;
    private long lost;
    private long overStaged;
    private long stalled;
    private long stageSkips;
    private long movesSkippingCriteria;
    private long movesSkippingStages;
    private long regressions;
    private final Map<String, CurrencyTotals> byCurrency = new TreeMap<>();

    /** Recorded and qualified forecast of open opportunities, and the closed-won amount, in one currency. */
    public static final class CurrencyTotals {
        private BigDecimal openAmount = BigDecimal.ZERO;
        private BigDecimal recordedForecast = BigDecimal.ZERO;
        private BigDecimal qualifiedForecast = BigDecimal.ZERO;
        private BigDecimal wonAmount = BigDecimal.ZERO;

        public BigDecimal openAmount() {
            return openAmount;
        }

        public BigDecimal recordedForecast() {
            return recordedForecast;
        }

        public BigDecimal qualifiedForecast() {
            return qualifiedForecast;
        }

        public BigDecimal gap() {
            return recordedForecast.subtract(qualifiedForecast);
        }

        public BigDecimal wonAmount() {
            return wonAmount;
        }
    }

    public void add(Evaluation evaluation) {
        count++;
        CurrencyTotals totals = byCurrency.computeIfAbsent(evaluation.currency(), currency -> new CurrencyTotals());
        if (evaluation.status() == OpportunityStatus.OPEN) {
            open++;
            totals.openAmount = totals.openAmount.add(evaluation.amount() == null ? BigDecimal.ZERO : evaluation.amount());
            totals.recordedForecast = totals.recordedForecast.add(evaluation.recordedForecast());
            totals.qualifiedForecast = totals.qualifiedForecast.add(evaluation.qualifiedForecast());
        } else if (evaluation.status() == OpportunityStatus.WON) {
            won++;
            totals.wonAmount = totals.wonAmount.add(evaluation.qualifiedForecast());
        } else {
            lost++;
        }
        overStaged += evaluation.overStaged() ? 1 : 0;
        stalled += evaluation.stalled() ? 1 : 0;
        stageSkips += evaluation.stageSkip() ? 1 : 0;
        for (StageTransition move : evaluation.transitions()) {
            movesSkippingCriteria += move.isForward() && move.skippedCriteria() ? 1 : 0;
            movesSkippingStages += move.isForward() && move.skippedStagesFlag() ? 1 : 0;
            regressions += move.isRegression() ? 1 : 0;
        }
    }

    public long count() {
        return count;
    }

    public long open() {
        return open;
    }

    public long won() {
        return won;
    }

    public long lost() {
        return lost;
    }

    public long overStaged() {
        return overStaged;
    }

    public long stalled() {
        return stalled;
    }

    /** Opportunities whose most recent forward move skipped exit criteria. */
    public long stageSkips() {
        return stageSkips;
    }

    public long movesSkippingCriteria() {
        return movesSkippingCriteria;
    }

    public long movesSkippingStages() {
        return movesSkippingStages;
    }

    public long regressions() {
        return regressions;
    }

    public Map<String, CurrencyTotals> byCurrency() {
        return Collections.unmodifiableMap(byCurrency);
    }
}

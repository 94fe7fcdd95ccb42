package io.stagegate.backtest;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.OpportunityStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One quarter of a backtest: every opportunity rebuilt as of the start of the quarter's first day and judged that day,
 * its recorded and qualified forecast summed per owner and currency against what closed won in the quarter.
 */
public final class QuarterBacktest {
    private QuarterBacktest() {
    }

    /**
     * @param evaluator the active playbook; its clock's zone says when the first day starts, and today's state says what
     *     was won
     * @param start the quarter's first day
     * @param end the quarter's last day
     * @return figures per owner and currency, sorted by owner then currency; owners with neither forecast nor wins are absent
     */
    public static List<QuarterFigures> of(Evaluator evaluator, Collection<OpportunityPast> opportunities, LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("quarter ends " + end + " before it starts " + start);
        }
        ZoneId zone = evaluator.clock().getZone();
        Instant firstMoment = start.atStartOfDay(zone).toInstant();
        Evaluator then = new Evaluator(evaluator.playbook(), Clock.fixed(firstMoment, zone));
        Map<String, Tally> tallies = new TreeMap<>();
        for (OpportunityPast opportunity : opportunities) {
            PastEvaluation.judge(then, opportunity, firstMoment).ifPresent(judged -> {
                Evaluation evaluation = judged.evaluation();
                if (evaluation.isOpen() && within(judged.past().opportunity().closeDate(), start, end)) {
                    tallies.computeIfAbsent(key(evaluation), k -> new Tally(evaluation)).forecast(evaluation, judged.restsOnUnknown());
                }
            });
            if (opportunity.deletedAt() == null && within(opportunity.current().closeDate(), start, end)) {
                Evaluation today = evaluator.evaluate(opportunity.current());
                if (today.status() == OpportunityStatus.WON) {
                    tallies.computeIfAbsent(key(today), k -> new Tally(today)).won(today.amount());
                }
            }
        }
        List<QuarterFigures> figures = new ArrayList<>(tallies.size());
        tallies.values().forEach(tally -> figures.add(tally.figures(start, end)));
        return figures;
    }

    private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }

    private static String key(Evaluation evaluation) {
        return (evaluation.owner() == null ? "" : evaluation.owner()) + "\u0000" + evaluation.currency();
    }

    private static final class Tally {
        private final String owner;
        private final String currency;
        private BigDecimal recorded = BigDecimal.ZERO;
        private BigDecimal qualified = BigDecimal.ZERO;
        private BigDecimal onUnknown = BigDecimal.ZERO;
        private BigDecimal closedWon = BigDecimal.ZERO;
        private int forecastDeals;
        private int dealsOnUnknown;
        private int wonDeals;

        Tally(Evaluation first) {
            this.owner = first.owner();
            this.currency = first.currency();
        }

        void forecast(Evaluation evaluation, boolean restsOnUnknown) {
            recorded = recorded.add(evaluation.recordedForecast());
            qualified = qualified.add(evaluation.qualifiedForecast());
            forecastDeals++;
            if (restsOnUnknown) {
                onUnknown = onUnknown.add(evaluation.qualifiedForecast());
                dealsOnUnknown++;
            }
        }

        void won(BigDecimal amount) {
            closedWon = closedWon.add(amount == null ? BigDecimal.ZERO : amount);
            wonDeals++;
        }

        QuarterFigures figures(LocalDate start, LocalDate end) {
            return new QuarterFigures(start, end, owner, currency, recorded, qualified, forecastDeals, closedWon, wonDeals, onUnknown, dealsOnUnknown);
        }
    }
}

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One quarter of a backtest: every opportunity rebuilt as of the start of the quarter's first day and judged that day,
 * its recorded and qualified forecast summed per owner and currency (or per pipeline and currency) against what closed
 * won in the quarter.
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
        return rollup(outcomes(evaluator, opportunities, start, end), start, end, outcome -> outcome.owner() == null ? "" : outcome.owner());
    }

    /**
     * The quarter per pipeline and currency: the total, each owner's figures, and the {@code top} opportunities that
     * explain most of the difference between the forecasts and what closed (largest {@link DealOutcome#weight()} first).
     */
    public static List<PipelineQuarter> byPipeline(Evaluator evaluator, Collection<OpportunityPast> opportunities, LocalDate start, LocalDate end,
            int top) {
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative, was " + top);
        }
        Map<String, List<DealOutcome>> groups = new TreeMap<>();
        for (DealOutcome outcome : outcomes(evaluator, opportunities, start, end)) {
            groups.computeIfAbsent(text(outcome.pipeline()) + "\u0000" + outcome.currency(), k -> new ArrayList<>()).add(outcome);
        }
        List<PipelineQuarter> quarters = new ArrayList<>(groups.size());
        for (List<DealOutcome> group : groups.values()) {
            DealOutcome first = group.get(0);
            QuarterFigures total = rollup(group, start, end, outcome -> "").get(0);
            total = new QuarterFigures(start, end, null, total.currency(), total.recordedForecast(), total.qualifiedForecast(), total.forecastDeals(),
                    total.closedWon(), total.wonDeals(), total.qualifiedOnUnknown(), total.dealsOnUnknown());
            List<DealOutcome> explaining = group.stream().filter(outcome -> outcome.weight().signum() > 0)
                    .sorted(Comparator.comparing(DealOutcome::weight).reversed().thenComparing(DealOutcome::id)).limit(top).toList();
            quarters.add(new PipelineQuarter(first.pipeline(), first.currency(), total,
                    rollup(group, start, end, outcome -> text(outcome.owner())), explaining));
        }
        return quarters;
    }

    /**
     * Each opportunity's part in the quarter: those open at the start of the first day (in the evaluator's zone) with a
     * close date in the quarter as they stood then, and those won today with a close date in the quarter; others are absent.
     */
    public static List<DealOutcome> outcomes(Evaluator evaluator, Collection<OpportunityPast> opportunities, LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("quarter ends " + end + " before it starts " + start);
        }
        ZoneId zone = evaluator.clock().getZone();
        Instant firstMoment = start.atStartOfDay(zone).toInstant();
        Evaluator then = new Evaluator(evaluator.playbook(), Clock.fixed(firstMoment, zone));
        List<DealOutcome> outcomes = new ArrayList<>();
        for (OpportunityPast opportunity : opportunities) {
            Optional<PastEvaluation> judged = PastEvaluation.judge(then, opportunity, firstMoment)
                    .filter(past -> past.evaluation().isOpen() && within(past.past().opportunity().closeDate(), start, end));
            Evaluation today = opportunity.deletedAt() == null && within(opportunity.current().closeDate(), start, end)
                    ? evaluator.evaluate(opportunity.current()) : null;
            boolean won = today != null && today.status() == OpportunityStatus.WON;
            if (judged.isEmpty() && !won) {
                continue;
            }
            Evaluation key = judged.map(PastEvaluation::evaluation).orElse(today);
            BigDecimal closedWon = won ? today.amount() : BigDecimal.ZERO;
            if (judged.isPresent()) {
                PastEvaluation past = judged.get();
                Evaluation evaluation = past.evaluation();
                outcomes.add(new DealOutcome(evaluation.opportunityId(), key.owner(), key.pipeline(), key.currency(), true,
                        evaluation.recordedStage() == null ? null : evaluation.recordedStage().crmStage(),
                        evaluation.qualifiedStage() == null ? null : evaluation.qualifiedStage().crmStage(), evaluation.amount(),
                        past.past().opportunity().closeDate(), evaluation.recordedForecast(), evaluation.qualifiedForecast(), won, closedWon,
                        List.copyOf(past.unknownRead()), past.restsOnUnknown()));
            } else {
                outcomes.add(new DealOutcome(today.opportunityId(), key.owner(), key.pipeline(), key.currency(), false, null, null, null, null,
                        BigDecimal.ZERO, BigDecimal.ZERO, true, closedWon, List.of(), false));
            }
        }
        return outcomes;
    }

    /** Sums outcomes per {@code group} and currency, sorted by group then currency. */
    static List<QuarterFigures> rollup(List<DealOutcome> outcomes, LocalDate start, LocalDate end, Function<DealOutcome, String> group) {
        Map<String, Tally> tallies = new TreeMap<>();
        for (DealOutcome outcome : outcomes) {
            tallies.computeIfAbsent(group.apply(outcome) + "\u0000" + outcome.currency(), k -> new Tally(outcome.owner(), outcome.currency()))
                    .add(outcome);
        }
        List<QuarterFigures> figures = new ArrayList<>(tallies.size());
        tallies.values().forEach(tally -> figures.add(tally.figures(start, end)));
        return figures;
    }

    private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }

    private static String text(String value) {
        return value == null ? "" : value;
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

        Tally(String owner, String currency) {
            this.owner = owner;
            this.currency = currency;
        }

        void add(DealOutcome outcome) {
            if (outcome.forecast()) {
                recorded = recorded.add(outcome.recordedForecast());
                qualified = qualified.add(outcome.qualifiedForecast());
                forecastDeals++;
                if (outcome.restsOnUnknown()) {
                    onUnknown = onUnknown.add(outcome.qualifiedForecast());
                    dealsOnUnknown++;
                }
            }
            if (outcome.won()) {
                closedWon = closedWon.add(outcome.closedWon());
                wonDeals++;
            }
        }

        QuarterFigures figures(LocalDate start, LocalDate end) {
            return new QuarterFigures(start, end, owner, currency, recorded, qualified, forecastDeals, closedWon, wonDeals, onUnknown, dealsOnUnknown);
        }
    }
}

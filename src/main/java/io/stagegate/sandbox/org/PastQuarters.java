package io.stagegate.sandbox.org;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth a backtest of the generated org is judged against, computed from the generator alone (not from
 * either CRM's history): for each of the last closed calendar quarters, per owner and currency, what closed won in the
 * quarter, and the recorded and the qualified forecast as the org stood at the start of the quarter's first day
 * (every deal open then with a close date in the quarter, rebuilt with {@link DealState#asOf} and judged by the engine
 * as of that day). Deterministic from the generator's playbook, seed, size and day.
 */
public final class PastQuarters {

    /**
     * One owner's figures for one quarter in one currency.
     *
     * @param quarter {@code 2026-Q3}
     * @param end the quarter's last day
     * @param closedWon the amounts of deals won with a close date in the quarter
     * @param recordedForecast Σ amount × the recorded stage's probability, of deals open on the first day with a close
     *     date in the quarter (amount, stage and close date as they stood then)
     * @param qualifiedForecast the same deals' amount × qualified probability, judged with the fields of that day
     * @param forecastDeals how many deals the two forecasts cover
     */
    public record Figures(String quarter, LocalDate start, LocalDate end, String ownerId, String ownerName, String currency,
            BigDecimal closedWon, int wonDeals, BigDecimal recordedForecast, BigDecimal qualifiedForecast, int forecastDeals) {
    }

    private PastQuarters() {
    }

    /** The last {@code count} closed quarters before the generator's day, oldest first, owners and currencies in order. */
    public static List<Figures> of(OrgGenerator generator, int count) {
        if (count < 1 || count > 8) {
            throw new IllegalArgumentException("quarters must be between 1 and 8 (the org's past reaches four quarters back), was " + count);
        }
        LocalDate today = generator.today();
        LocalDate current = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        LocalDate[] starts = new LocalDate[count];
        Instant[] firstMoments = new Instant[count];
        for (int i = 0; i < count; i++) {
            starts[i] = current.minusMonths(3L * (count - i));
            firstMoments[i] = starts[i].atStartOfDay(generator.zone()).toInstant();
        }
        Evaluator evaluator = new Evaluator(generator.playbook(), Clock.system(generator.zone()));
        Map<String, Tally> tallies = new TreeMap<>();
        generator.deals().forEach(deal -> {
            for (int i = 0; i < count; i++) {
                LocalDate start = starts[i];
                LocalDate end = start.plusMonths(3).minusDays(1);
                String key = start + "|" + deal.owner().id() + "|" + deal.currency();
                boolean won = generator.isWon(deal) && deal.closeDate() != null && !deal.closeDate().isBefore(start) && !deal.closeDate().isAfter(end);
                if (won) {
                    tallies.computeIfAbsent(key, k -> new Tally(deal, start)).won(deal.amount());
                }
                DealState then = DealState.asOf(deal, firstMoments[i]);
                if (then == null || then.closeDate() == null || then.closeDate().isBefore(start) || then.closeDate().isAfter(end)) {
                    continue;
                }
                Evaluation evaluation = evaluator.evaluate(generator.toOpportunity(then), start);
                if (evaluation.isOpen()) {
                    tallies.computeIfAbsent(key, k -> new Tally(deal, start)).forecast(evaluation);
                }
            }
        });
        List<Figures> figures = new ArrayList<>();
        tallies.values().forEach(tally -> figures.add(tally.figures()));
        return figures;
    }

    private static final class Tally {
        final LocalDate start;
        final Rep owner;
        final String currency;
        BigDecimal closedWon = BigDecimal.ZERO;
        int wonDeals;
        BigDecimal recorded = BigDecimal.ZERO;
        BigDecimal qualified = BigDecimal.ZERO;
        int forecastDeals;

        Tally(SyntheticDeal deal, LocalDate start) {
            this.start = start;
            this.owner = deal.owner();
            this.currency = deal.currency();
        }

        void won(BigDecimal amount) {
            closedWon = closedWon.add(amount == null ? BigDecimal.ZERO : amount);
            wonDeals++;
        }

        void forecast(Evaluation evaluation) {
            recorded = recorded.add(evaluation.recordedForecast());
            qualified = qualified.add(evaluation.qualifiedForecast());
            forecastDeals++;
        }

        Figures figures() {
            String quarter = start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            return new Figures(quarter, start, start.plusMonths(3).minusDays(1), owner.id(), owner.name(), currency, closedWon, wonDeals,
                    recorded, qualified, forecastDeals);
        }
    }
}

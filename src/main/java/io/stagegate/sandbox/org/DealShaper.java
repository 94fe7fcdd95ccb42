package io.stagegate.sandbox.org;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws where a deal stands: its recorded stage, whether it is over-staged and the stage it is really qualified for,
 * whether its next steps lapsed, its close date, and for a closed deal the outcome. Draws from the deal's own random
 * in a fixed order, so the same deal always comes out the same.
 */
final class DealShaper {
    private final ZoneId zone;
    private final LocalDate today;
    private final Instant horizon;
    private final LocalDate currentQuarter;
    private final LocalDate nextQuarterEnd;
    private final LocalDate firstClosed;

    DealShaper(ZoneId zone, LocalDate today, Instant horizon) {
        this.zone = zone;
        this.today = today;
        this.horizon = horizon;
        this.currentQuarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        this.nextQuarterEnd = currentQuarter.plusMonths(6).minusDays(1);
        this.firstClosed = currentQuarter.minusMonths(12);
    }

    void shapeOpen(DealShape s) {
        s.day = today;
        s.over = s.random.nextDouble() < s.habit.overStageRate();
        s.top = pickStage(s.model, s.random, s.over);
        if (s.top < 0) {
            s.over = false;
            s.top = pickStage(s.model, s.random, false);
        }
        s.topValue = pick(s.model.crmStages(s.top), s.random).value();
        if (s.random.nextDouble() < s.habit.slipRate() * 0.3 && today.isAfter(currentQuarter)) {
            s.closeDate = currentQuarter.plusDays(s.random.nextLong(ChronoUnit.DAYS.between(currentQuarter, today)));
        } else {
            s.closeDate = today.plusDays(s.random.nextLong(ChronoUnit.DAYS.between(today, nextQuarterEnd) + 1));
        }
        qualification(s);
    }

    void shapeClosed(DealShape s, String wonValue, String lostValue) {
        s.over = s.random.nextDouble() < s.habit.overStageRate();
        double winRate = (s.over ? 0.25 : 0.60) * (1 - s.habit.slipRate() / 2);
        s.won = lostValue == null || (wonValue != null && s.random.nextDouble() < winRate);
        s.closedValue = s.won ? wonValue : lostValue;
        if (s.won) {
            int[] recordable = s.model.recordable;
            double roll = s.random.nextDouble();
            int back = roll < 0.80 ? 0 : roll < 0.95 ? 1 : 2;
            s.top = recordable[Math.max(0, recordable.length - 1 - back)];
            if (s.over && !s.model.canOverStage[s.top]) {
                s.over = false;
            }
        } else {
            s.top = pickStage(s.model, s.random, s.over);
            if (s.top < 0) {
                s.over = false;
                s.top = pickStage(s.model, s.random, false);
            }
        }
        s.topValue = pick(s.model.crmStages(s.top), s.random).value();
        s.closeDate = firstClosed.plusDays(s.random.nextLong(Math.max(1, ChronoUnit.DAYS.between(firstClosed, today))));
        s.day = s.closeDate;
        s.closeAt = s.closeDate.atTime(9 + s.random.nextInt(9), s.random.nextInt(60), s.random.nextInt(60)).atZone(zone).toInstant();
        if (!s.closeAt.isBefore(horizon)) {
            s.closeAt = horizon.minusSeconds(1);
        }
        qualification(s);
    }

    /** Decides q and whether next steps lapsed. */
    private static void qualification(DealShape s) {
        int first = s.model.firstScheduleStage;
        if (s.over) {
            s.lapse = first >= 0 && s.random.nextDouble() < lapseRateWhenOverStaged(s.habit, s.model);
            List<Integer> candidates = new ArrayList<>();
            for (int stage = 0; stage < s.top; stage++) {
                if (s.model.hasCriteria(stage) && (!s.lapse || stage <= first)) {
                    candidates.add(stage);
                }
            }
            if (candidates.isEmpty()) {
                s.lapse = false;
                for (int stage = 0; stage < s.top; stage++) {
                    if (s.model.hasCriteria(stage)) {
                        candidates.add(stage);
                    }
                }
            }
            s.q = candidates.get(s.random.nextInt(candidates.size()));
        } else {
            s.q = s.top;
            boolean wonRun = s.closedValue != null && s.won;
            s.lapse = !wonRun && first >= 0 && s.top <= first && s.random.nextDouble() < s.habit.lapsedNextStepRate();
        }
    }

    /**
     * Honest deals lapse with lapsedNextStepRate, but only those recorded early (a share e of them): over-staged deals
     * make up the rest, so that about lapsedNextStepRate of all deals lapse.
     */
    private static double lapseRateWhenOverStaged(Habit habit, PipelineModel model) {
        double over = habit.overStageRate();
        double rate = habit.lapsedNextStepRate() * (1 - (1 - over) * model.earlyShare) / over;
        return Math.min(0.9, Math.max(0, rate));
    }

    /** A recordable stage, fewer deals at later ones; only stages that can be over-staged when {@code over}. */
    private static int pickStage(PipelineModel model, SplittableRandom random, boolean over) {
        int[] recordable = model.recordable;
        double total = 0;
        for (int i = 0; i < recordable.length; i++) {
            if (!over || model.canOverStage[recordable[i]]) {
                total += PipelineModel.stageWeight(i);
            }
        }
        if (total == 0) {
            return -1;
        }
        double roll = random.nextDouble() * total;
        int chosen = -1;
        for (int i = 0; i < recordable.length; i++) {
            if (!over || model.canOverStage[recordable[i]]) {
                chosen = recordable[i];
                roll -= PipelineModel.stageWeight(i);
                if (roll < 0) {
                    break;
                }
            }
        }
        return chosen;
    }

    private static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }
}

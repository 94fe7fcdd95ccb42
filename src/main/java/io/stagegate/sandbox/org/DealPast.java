package io.stagegate.sandbox.org;

import io.stagegate.criteria.ExitCriterion;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws the changes a deal went through besides its stage moves, consistent with its shape: when each criteria field
 * was filled in, how the next-step date moved, whether the amount was revised and the close date pushed.
 *
 * <ul>
 *   <li>A field that proves a criterion the deal met by construction (every stage below the qualified one) is filled
 *       in while the deal sat in the stage that criterion belongs to, before it left it; a date that records an event
 *       is entered no earlier than the event's day when the stay allows. Other fields are filled in at a random time
 *       of the deal's life. Fields without a value were never filled in.</li>
 *   <li>Next-step dates ({@link RuleValues#scheduleFields()}): an honest rep books the next step on entering a stage,
 *       for about when the deal moves on; the last booking is the deal's value. An over-stager books only that last one.</li>
 *   <li>Close dates slip: an over-staged deal's close date was pushed once or twice with 60 %, an honest one's once
 *       with its owner's slip rate, each time by 14 to 60 days; the first close date is never within a week of creation.</li>
 *   <li>Amounts: 45 % of over-staged deals started 10–50 % higher and were cut, 20 % of honest ones were revised by up
 *       to a quarter either way.</li>
 * </ul>
 * The draws come from a random of their own, seeded from (seed, seq), so a deal's present is the same with or without
 * its past.
 */
final class DealPast {
    private static final long SALT = 0x9E3779B97F4A7C15L;
    private static final BigDecimal MIN_AMOUNT = BigDecimal.valueOf(5_000);

    private final Set<String> scheduleFields;
    private final ZoneId zone;
    private final Instant horizon;

    DealPast(RuleValues values, ZoneId zone, Instant horizon) {
        this.scheduleFields = Set.copyOf(values.scheduleFields());
        this.zone = zone;
        this.horizon = horizon;
    }

    List<PastChange> draw(DealShape s, Map<String, Object> fields, long seed) {
        SplittableRandom random = new SplittableRandom((seed * 1_000_003L + s.seq) ^ SALT);
        Instant created = s.at[0];
        Instant end = s.closedValue != null ? s.at[s.at.length - 1] : horizon;
        List<PastChange> changes = new ArrayList<>();
        Stays stays = new Stays(s);
        int satisfiedBelow = !s.over ? (s.closedValue != null && s.won ? s.model.stageCount() : s.top) : s.q;
        for (Map.Entry<String, Object> field : new TreeMap<>(fields).entrySet()) {
            if (field.getValue() == null) {
                continue;
            }
            if (scheduleFields.contains(field.getKey()) && field.getValue() instanceof LocalDate) {
                nextSteps(s, field.getKey(), (LocalDate) field.getValue(), random, changes);
            } else {
                Instant at = filledAt(s, stays, field.getKey(), field.getValue(), satisfiedBelow, created, end, random);
                changes.add(new PastChange(PastChange.Kind.FIELD, field.getKey(), null, field.getValue(), at));
            }
        }
        closeDates(s, random, created, end, changes);
        amount(s, random, created, end, changes);
        changes.sort(Comparator.comparing(PastChange::at));
        return changes;
    }

    private Instant filledAt(DealShape s, Stays stays, String field, Object value, int satisfiedBelow, Instant created, Instant end,
            SplittableRandom random) {
        int proving = provingStage(s.model, field, satisfiedBelow);
        Instant from = created;
        Instant to = end;
        if (proving >= 0) {
            from = stays.enter[proving] != null ? stays.enter[proving] : created;
            to = stays.exit[proving] != null ? stays.exit[proving] : end;
        }
        Instant at = between(from, to, random);
        if (value instanceof LocalDate) {
            Instant event = ((LocalDate) value).atTime(12, 0).atZone(zone).toInstant();
            if (event.isAfter(at) && event.isBefore(to)) {
                at = event;
            }
        }
        return at;
    }

    /** The lowest stage below {@code satisfiedBelow} with a criterion reading the field, or -1. */
    private static int provingStage(PipelineModel model, String field, int satisfiedBelow) {
        for (int stage = 0; stage < Math.min(satisfiedBelow, model.stageCount()); stage++) {
            for (ExitCriterion criterion : model.criteria(stage)) {
                if (criterion.rule().fields().contains(field)) {
                    return stage;
                }
            }
        }
        return -1;
    }

    private void nextSteps(DealShape s, String field, LocalDate last, SplittableRandom random, List<PastChange> changes) {
        int open = s.stages.size();
        LocalDate held = null;
        if (!s.over || !s.lapse) {
            for (int e = 0; e < open - 1; e++) {
                LocalDate booked = LocalDate.ofInstant(s.at[e + 1], zone).plusDays(random.nextInt(4));
                if (!booked.equals(held)) {
                    changes.add(new PastChange(PastChange.Kind.FIELD, field, held, booked, s.at[e].plusSeconds(60 + random.nextInt(3_600))));
                    held = booked;
                }
            }
        }
        if (!last.equals(held)) {
            Instant at = s.at[open - 1].plusSeconds(60 + random.nextInt(3_600));
            changes.add(new PastChange(PastChange.Kind.FIELD, field, held, last, at.isAfter(horizon) ? s.at[open - 1] : at));
        }
    }

    private void closeDates(DealShape s, SplittableRandom random, Instant created, Instant end, List<PastChange> changes) {
        int pushes = s.over ? (random.nextDouble() < 0.8 ? 1 + (random.nextDouble() < 0.5 ? 1 : 0) : 0)
                : (random.nextDouble() < s.habit.slipRate() ? 1 : 0);
        if (pushes == 0 || s.closeDate == null) {
            return;
        }
        long[] shifts = new long[pushes];
        long total = 0;
        for (int i = 0; i < pushes; i++) {
            shifts[i] = s.over ? 21 + random.nextInt(55) : 14 + random.nextInt(47);
            total += shifts[i];
        }
        LocalDate first = s.closeDate.minusDays(total);
        if (first.isBefore(LocalDate.ofInstant(created, zone).plusDays(7))) {
            return;
        }
        Instant[] at = new Instant[pushes];
        for (int i = 0; i < pushes; i++) {
            at[i] = between(created.plusSeconds(3_600), end, random);
        }
        Arrays.sort(at);
        LocalDate held = first;
        for (int i = 0; i < pushes; i++) {
            LocalDate pushed = held.plusDays(shifts[i]);
            changes.add(new PastChange(PastChange.Kind.CLOSE_DATE, null, held, pushed, at[i]));
            held = pushed;
        }
    }

    private void amount(DealShape s, SplittableRandom random, Instant created, Instant end, List<PastChange> changes) {
        if (s.amount == null || random.nextDouble() >= (s.over ? 0.45 : 0.20)) {
            return;
        }
        double factor = s.over ? 1.1 + 0.4 * random.nextDouble() : 0.75 + 0.5 * random.nextDouble();
        BigDecimal first = BigDecimal.valueOf(Math.round(s.amount.doubleValue() * factor / 100) * 100).max(MIN_AMOUNT);
        if (first.compareTo(s.amount) != 0) {
            changes.add(new PastChange(PastChange.Kind.AMOUNT, null, first, s.amount, between(created.plusSeconds(3_600), end, random)));
        }
    }

    /** A whole second in {@code [from, to)}, or {@code from} when the span is shorter than a second. */
    private static Instant between(Instant from, Instant to, SplittableRandom random) {
        long span = ChronoUnit.SECONDS.between(from, to);
        return span <= 1 ? from : from.plusSeconds(random.nextLong(span));
    }

    /** When the deal first reached each journey stage and first moved beyond it (null: never). */
    private static final class Stays {
        final Instant[] enter;
        final Instant[] exit;

        Stays(DealShape s) {
            int n = s.model.stageCount();
            enter = new Instant[n];
            exit = new Instant[n];
            for (int e = 0; e < s.at.length; e++) {
                int stage = e < s.journey.size() ? s.journey.get(e) : (s.won ? n : -1);
                for (int k = 0; k < n; k++) {
                    if (enter[k] == null && stage >= k) {
                        enter[k] = s.at[e];
                    }
                    if (e > 0 && exit[k] == null && stage > k) {
                        exit[k] = s.at[e];
                    }
                }
            }
            // stages the deal was created beyond were passed before it was entered in the CRM
            for (int k = 0; k < Math.min(n, s.journey.get(0)); k++) {
                exit[k] = s.at[0];
            }
        }
    }
}

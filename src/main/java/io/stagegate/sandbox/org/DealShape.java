package io.stagegate.sandbox.org;

import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Everything decided about one deal before its field values; filled in by the generator's steps in turn. */
final class DealShape {
    final int seq;
    final Rep owner;
    final Habit habit;
    final PipelineModel model;
    final SplittableRandom random;
    private final ZoneRules rules;
    BigDecimal amount;
    String currency;
    /** The last draft involved no expression rule. */
    boolean controlled;
    /** The recorded open stage, or for a closed deal the last open stage before the close. */
    int top;
    String topValue;
    boolean over;
    int q;
    boolean lapse;
    /** null for open deals, else the won or lost CRM value. */
    String closedValue;
    boolean won;
    LocalDate closeDate;
    /** The day criteria are judged for: today, or the close date of a closed deal. */
    LocalDate day;
    Instant closeAt;
    List<String> stages;
    List<Integer> journey;
    Instant[] at;
    int[] exit;

    DealShape(int seq, Rep owner, PipelineModel model, SplittableRandom random, ZoneRules rules) {
        this.seq = seq;
        this.owner = owner;
        this.habit = owner.habit();
        this.model = model;
        this.random = random;
        this.rules = rules;
    }

    String finalValue() {
        return closedValue != null ? closedValue : topValue;
    }

    List<StageChange> history() {
        List<StageChange> history = new ArrayList<>(at.length);
        for (int i = 0; i < stages.size(); i++) {
            history.add(new StageChange(stages.get(i), at[i]));
        }
        if (closedValue != null) {
            history.add(new StageChange(closedValue, at[at.length - 1]));
        }
        return history;
    }

    int offset(Instant instant) {
        long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
        return (int) (Math.floorDiv(local, 86_400L) - day.toEpochDay());
    }
}

package io.stagegate.sandbox.org;

import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Produces field values (and related-record counts) that satisfy or violate exit-criteria rules, relative to a day.
 * Pure and deterministic given the random; thread-safe once built.
 *
 * <p>How: every field (and every relation) that an atomic rule reads gets a small, finite set of <em>value
 * classes</em> cut at the thresholds of every rule that reads it, so that all values of one class get the same verdict
 * from each of those rules. For a date field read by {@code dateInPast} and {@code dateTodayOrLater} the classes are
 * "absent", "before today", "today" and "after today" (as day offsets from the evaluation day); for a checkbox
 * "absent", true, false; for a text field "absent", real text, placeholders ("TBD"), too-short text; for a number
 * "absent" and the spans between the minimums; for a picklist every listed value and one other; for a relation the
 * count spans between the minimums. Which class satisfies which rule is found once, by running the engine's own
 * {@link Rule#evaluate} on a representative of the class (and its extremes), so the values agree with the engine by
 * construction. A {@link Draft} then intersects, per field, the classes allowed by every rule it is asked to satisfy
 * or violate, which is what makes criteria that share a field (several read {@code Next_Step_Date__c}) come out
 * consistent: a requirement that would contradict an earlier one is refused, and the caller picks another.
 *
 * <ul>
 *   <li>checkbox: true / false or absent;</li>
 *   <li>text: real text of at least the minimum length / a placeholder such as "TBD", a too-short text, or absent;</li>
 *   <li>datePresent: a date / absent; dateInPast: today−k / absent or a future day; dateNotOlderThan n: a day in
 *       [today−n, today] / absent, older, or future; dateTodayOrLater: today+k / today−k or absent;</li>
 *   <li>numberAtLeast: min+x / below min or absent; valueIn: a listed value / another value or absent;</li>
 *   <li>relatedCountAtLeast: a count ≥ min / a smaller count (counts are never absent);</li>
 *   <li>allOf: every part satisfied / one part violated; anyOf: one part satisfied / every part violated;</li>
 *   <li>expression (CEL): cannot be generated. Its fields are left absent and the draft reports itself
 *       {@linkplain Draft#controlled() uncontrolled}, so the caller must evaluate the result to know the verdict.</li>
 * </ul>
 */
public final class RuleValues {
    /** The day representatives are evaluated against; classes are day offsets, so any fixed day works. */
    static final LocalDate REFERENCE_DAY = LocalDate.of(2000, 1, 1);
    static final int PAST = Integer.MIN_VALUE;
    static final int FUTURE = Integer.MAX_VALUE;

    private final List<ValueSpaces.Space> spaces;
    private final Map<String, Integer> fieldSpaces;
    private final Map<String, Integer> relationSpaces;
    private final Map<Rule, ValueSpaces.Atom> atoms;
    private final List<String> scheduleFields;

    private RuleValues(Collection<? extends Rule> rules) {
        ValueSpaces index = new ValueSpaces(rules);
        this.spaces = index.spaces;
        this.fieldSpaces = index.fieldSpaces;
        this.relationSpaces = index.relationSpaces;
        this.atoms = index.atoms;
        this.scheduleFields = index.scheduleFields;
    }

    /** Values for every rule of every exit criterion of the playbook. */
    public static RuleValues of(Playbook playbook) {
        List<Rule> rules = new ArrayList<>();
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                for (ExitCriterion criterion : stage.exitCriteria()) {
                    rules.add(criterion.rule());
                }
            }
        }
        return new RuleValues(rules);
    }

    public static RuleValues of(Collection<? extends Rule> rules) {
        return new RuleValues(rules);
    }

    /**
     * Values that make {@code rule} met on {@code today}.
     *
     * @throws IllegalArgumentException if no values can (for example {@code allOf} of two different {@code valueIn}
     *     sets on one field); an expression rule yields no values
     */
    public static FieldValues satisfying(Rule rule, LocalDate today, SplittableRandom random) {
        return of(List.of(rule)).satisfy(rule, today, random);
    }

    /** Values that make {@code rule} unmet on {@code today}; see {@link #satisfying}. */
    public static FieldValues violating(Rule rule, LocalDate today, SplittableRandom random) {
        return of(List.of(rule)).violate(rule, today, random);
    }

    public FieldValues satisfy(Rule rule, LocalDate today, SplittableRandom random) {
        return single(rule, true, today, random);
    }

    public FieldValues violate(Rule rule, LocalDate today, SplittableRandom random) {
        return single(rule, false, today, random);
    }

    /** Like {@link #satisfy}, preferring dates no earlier than {@code notBefore} days from today. */
    FieldValues satisfy(Rule rule, LocalDate today, SplittableRandom random, int notBefore) {
        return single(rule, true, today, random, notBefore);
    }

    private FieldValues single(Rule rule, boolean met, LocalDate today, SplittableRandom random) {
        return single(rule, met, today, random, PAST);
    }

    private FieldValues single(Rule rule, boolean met, LocalDate today, SplittableRandom random, int notBefore) {
        Draft draft = draft(random);
        if (!draft.require(rule, met)) {
            throw new IllegalArgumentException("no values can " + (met ? "satisfy " : "violate ") + rule);
        }
        return draft.values(today, notBefore);
    }

    /** A fresh set of requirements; {@code random} picks among alternatives and values. */
    public Draft draft(SplittableRandom random) {
        return new Draft(random);
    }

    /** Fields some {@code dateTodayOrLater} rule reads, sorted: the "next step" fields whose dates can lapse. */
    public List<String> scheduleFields() {
        return scheduleFields;
    }

    /** The relations some rule counts, sorted. */
    public List<String> relations() {
        return List.copyOf(new TreeSet<>(relationSpaces.keySet()));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Requirements on field values, built up one rule at a time, then turned into values. Not thread-safe. */
    public final class Draft {
        private long[] masks;
        private final int[] notAfter;
        private final SplittableRandom random;
        private boolean controlled = true;

        private Draft(SplittableRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            this.masks = new long[spaces.size()];
            this.notAfter = new int[spaces.size()];
            for (int i = 0; i < masks.length; i++) {
                masks[i] = spaces.get(i).full;
                notAfter[i] = FUTURE;
            }
        }

        /**
         * Requires {@code rule} to be met (or unmet). Returns false, and changes nothing, when that contradicts what was
         * required before; the caller then picks another requirement.
         */
        public boolean require(Rule rule, boolean met) {
            long[] saved = masks.clone();
            boolean wasControlled = controlled;
            if (apply(rule, met)) {
                return true;
            }
            masks = saved;
            controlled = wasControlled;
            return false;
        }

        /** False once an expression rule was required: its verdict on the values is not known in advance. */
        public boolean controlled() {
            return controlled;
        }

        /**
         * Requires every schedule field ({@link #scheduleFields()}) to hold a past date ({@code lapsed}), or to be
         * absent or today or later.
         */
        boolean requireSchedule(boolean lapsed) {
            long[] saved = masks.clone();
            for (String field : scheduleFields) {
                int index = fieldSpaces.get(field);
                long allowed = lapsed ? spaces.get(index).pastDates : spaces.get(index).notPast;
                long mask = masks[index] & allowed;
                if (mask == 0) {
                    masks = saved;
                    return false;
                }
                masks[index] = mask;
            }
            return true;
        }

        /** Prefers, where the requirements allow it, a date of {@code field} no later than {@code dayOffset}. */
        void preferNotAfter(String field, int dayOffset) {
            Integer index = fieldSpaces.get(field);
            if (index != null) {
                notAfter[index] = Math.min(notAfter[index], dayOffset);
            }
        }

        /**
         * Values meeting every requirement, relative to {@code today}. Fields nothing was required of are left absent;
         * every relation gets a count.
         *
         * @param notBefore prefer dates no earlier than this offset from today (when the deal was created), or
         *     {@link Integer#MIN_VALUE}
         */
        public FieldValues values(LocalDate today, int notBefore) {
            Map<String, Object> fields = new HashMap<>();
            Map<String, Integer> related = new HashMap<>();
            for (int i = 0; i < masks.length; i++) {
                ValueSpaces.Space space = spaces.get(i);
                long mask = masks[i];
                if (!space.relation && mask == space.full) {
                    continue;
                }
                ValueClass chosen = space.classes.get(pick(mask));
                Object value = chosen.sample(today, random, notBefore, notAfter[i]);
                if (value == null) {
                    continue;
                }
                if (space.relation) {
                    related.put(space.name, (Integer) value);
                } else {
                    fields.put(space.name, value);
                }
            }
            return new FieldValues(fields, related);
        }

        private int pick(long mask) {
            int k = random.nextInt(Long.bitCount(mask));
            long rest = mask;
            for (int i = 0; i < k; i++) {
                rest &= rest - 1;
            }
            return Long.numberOfTrailingZeros(rest);
        }

        private boolean apply(Rule rule, boolean met) {
            if (rule instanceof Rule.AllOf) {
                List<Rule> parts = ((Rule.AllOf) rule).rules();
                return met ? all(parts, true) : any(parts, false);
            }
            if (rule instanceof Rule.AnyOf) {
                List<Rule> parts = ((Rule.AnyOf) rule).rules();
                return met ? any(parts, true) : all(parts, false);
            }
            if (rule instanceof Rule.Expression) {
                controlled = false;
                return true;
            }
            ValueSpaces.Atom atom = atoms.get(rule);
            if (atom == null) {
                throw new IllegalArgumentException("rule not among those these values were built for: " + rule);
            }
            long mask = masks[atom.space] & (met ? atom.satisfied : atom.violated);
            if (mask == 0) {
                return false;
            }
            masks[atom.space] = mask;
            return true;
        }

        private boolean all(List<Rule> parts, boolean met) {
            for (Rule part : parts) {
                if (!apply(part, met)) {
                    return false;
                }
            }
            return true;
        }

        /** One of the parts, tried from a random start so that every alternative gets used. */
        private boolean any(List<Rule> parts, boolean met) {
            int n = parts.size();
            int start = random.nextInt(n);
            for (int k = 0; k < n; k++) {
                long[] saved = masks.clone();
                if (apply(parts.get((start + k) % n), met)) {
                    return true;
                }
                masks = saved;
            }
            return false;
        }
    }
}

package io.stagegate.sandbox.org;

import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    private static final LocalDate REFERENCE_DAY = LocalDate.of(2000, 1, 1);
    static final int PAST = Integer.MIN_VALUE;
    static final int FUTURE = Integer.MAX_VALUE;
    private static final int MAX_CLASSES = 64;
    private static final int PER_VERDICT = 3;

    private final List<Space> spaces;
    private final Map<String, Integer> fieldSpaces;
    private final Map<String, Integer> relationSpaces;
    private final Map<Rule, Atom> atoms;
    private final List<String> scheduleFields;

    private RuleValues(Collection<? extends Rule> rules) {
        Map<String, List<Rule>> byField = new LinkedHashMap<>();
        Map<String, List<Rule>> byRelation = new LinkedHashMap<>();
        Set<String> schedule = new LinkedHashSet<>();
        for (Rule rule : rules) {
            collect(Objects.requireNonNull(rule, "rule"), byField, byRelation, schedule);
        }
        this.spaces = new ArrayList<>();
        this.fieldSpaces = new HashMap<>();
        this.relationSpaces = new HashMap<>();
        this.atoms = new HashMap<>();
        byField.forEach((field, fieldRules) -> addSpace(field, false, fieldRules));
        byRelation.forEach((relation, relationRules) -> addSpace(relation, true, relationRules));
        this.scheduleFields = List.copyOf(new TreeSet<>(schedule));
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
                Space space = spaces.get(i);
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
            Atom atom = atoms.get(rule);
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

    // ------------------------------------------------------------------------------------------------------------

    private static void collect(Rule rule, Map<String, List<Rule>> byField, Map<String, List<Rule>> byRelation, Set<String> schedule) {
        if (rule instanceof Rule.AllOf) {
            ((Rule.AllOf) rule).rules().forEach(part -> collect(part, byField, byRelation, schedule));
        } else if (rule instanceof Rule.AnyOf) {
            ((Rule.AnyOf) rule).rules().forEach(part -> collect(part, byField, byRelation, schedule));
        } else if (rule instanceof Rule.RelatedCountAtLeast) {
            byRelation.computeIfAbsent(((Rule.RelatedCountAtLeast) rule).relation(), k -> new ArrayList<>()).add(rule);
        } else if (!(rule instanceof Rule.Expression)) {
            String field = rule.fields().iterator().next();
            byField.computeIfAbsent(field, k -> new ArrayList<>()).add(rule);
            if (rule instanceof Rule.DateTodayOrLater) {
                schedule.add(field);
            }
        }
    }

    private void addSpace(String name, boolean relation, List<Rule> rules) {
        List<Rule> distinct = List.copyOf(new LinkedHashSet<>(rules));
        List<ValueClass> candidates = relation ? countClasses(distinct) : fieldClasses(distinct);
        // verdict vector of each candidate; keep a few per vector so that sampling stays varied but bounded
        List<ValueClass> kept = new ArrayList<>();
        List<Long> vectors = new ArrayList<>();
        Map<Long, Integer> perVector = new HashMap<>();
        for (ValueClass candidate : candidates) {
            long vector = vector(name, relation, distinct, candidate);
            if (perVector.merge(vector, 1, Integer::sum) <= PER_VERDICT) {
                kept.add(candidate);
                vectors.add(vector);
            }
        }
        if (kept.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("too many distinct thresholds on '" + name + "' (" + kept.size() + " value classes)");
        }
        int index = spaces.size();
        long full = kept.size() == 64 ? -1L : (1L << kept.size()) - 1;
        long pastDates = 0;
        long notPast = 0;
        for (int c = 0; c < kept.size(); c++) {
            ValueClass valueClass = kept.get(c);
            if (valueClass instanceof DateSpan) {
                DateSpan span = (DateSpan) valueClass;
                if (span.to < 0) {
                    pastDates |= 1L << c;
                } else if (span.from >= 0) {
                    notPast |= 1L << c;
                }
            } else {
                notPast |= 1L << c;
            }
        }
        spaces.add(new Space(name, relation, List.copyOf(kept), full, pastDates, notPast));
        (relation ? relationSpaces : fieldSpaces).put(name, index);
        for (int r = 0; r < distinct.size(); r++) {
            long satisfied = 0;
            for (int c = 0; c < kept.size(); c++) {
                if ((vectors.get(c) & (1L << r)) != 0) {
                    satisfied |= 1L << c;
                }
            }
            atoms.put(distinct.get(r), new Atom(index, satisfied, full & ~satisfied));
        }
    }

    /** Bit r set when atomic rule r is met by every value of the class (checked on its representative and extremes). */
    private static long vector(String name, boolean relation, List<Rule> rules, ValueClass candidate) {
        if (rules.size() > 63) {
            throw new IllegalArgumentException("too many distinct rules on '" + name + "'");
        }
        long vector = 0;
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            Boolean met = null;
            for (Object value : candidate.probes()) {
                boolean m = rule.evaluate(probe(name, relation, value), REFERENCE_DAY).met();
                if (met != null && met != m) {
                    throw new IllegalStateException("value class " + candidate + " of '" + name + "' is not uniform for " + rule);
                }
                met = m;
            }
            if (Boolean.TRUE.equals(met)) {
                vector |= 1L << r;
            }
        }
        return vector;
    }

    private static Opportunity probe(String name, boolean relation, Object value) {
        Map<String, Object> fields = !relation && value != null ? Map.of(name, value) : Map.of();
        Map<String, Integer> related = relation && value != null ? Map.of(name, (Integer) value) : Map.of();
        return new Opportunity("probe", null, "probe", null, null, null, null, fields, related, null, null);
    }

    private static List<ValueClass> countClasses(List<Rule> rules) {
        TreeSet<Integer> mins = new TreeSet<>();
        for (Rule rule : rules) {
            mins.add(((Rule.RelatedCountAtLeast) rule).min());
        }
        List<ValueClass> classes = new ArrayList<>();
        int from = 0;
        for (int min : mins) {
            classes.add(new CountSpan(from, min - 1));
            from = min;
        }
        classes.add(new CountSpan(from, FUTURE));
        return classes;
    }

    private static List<ValueClass> fieldClasses(List<Rule> rules) {
        List<ValueClass> classes = new ArrayList<>();
        classes.add(Fixed.ABSENT);
        TreeSet<Integer> dateStarts = new TreeSet<>();
        boolean dates = false;
        boolean checkbox = false;
        int maxMinLength = 0;
        TreeSet<Integer> minLengths = new TreeSet<>();
        Set<String> placeholders = new LinkedHashSet<>();
        TreeSet<BigDecimal> numberMins = new TreeSet<>();
        Set<String> choices = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule instanceof Rule.CheckboxTrue) {
                checkbox = true;
            } else if (rule instanceof Rule.TextPresent) {
                Rule.TextPresent text = (Rule.TextPresent) rule;
                maxMinLength = Math.max(maxMinLength, text.minLength());
                minLengths.add(text.minLength());
                placeholders.addAll(new TreeSet<>(text.placeholders()));
            } else if (rule instanceof Rule.DatePresent) {
                dates = true;
            } else if (rule instanceof Rule.DateInPast) {
                dates = true;
                dateStarts.add(1);
            } else if (rule instanceof Rule.DateNotOlderThan) {
                dates = true;
                dateStarts.add(-((Rule.DateNotOlderThan) rule).days());
                dateStarts.add(1);
            } else if (rule instanceof Rule.DateTodayOrLater) {
                dates = true;
                dateStarts.add(0);
            } else if (rule instanceof Rule.NumberAtLeast) {
                numberMins.add(((Rule.NumberAtLeast) rule).min());
            } else if (rule instanceof Rule.ValueIn) {
                choices.addAll(new TreeSet<>(((Rule.ValueIn) rule).values()));
            } else {
                throw new IllegalArgumentException("not an atomic field rule: " + rule);
            }
        }
        if (checkbox) {
            classes.add(new Fixed(Boolean.TRUE));
            classes.add(new Fixed(Boolean.FALSE));
        }
        if (dates) {
            int from = PAST;
            for (int start : dateStarts) {
                classes.add(new DateSpan(from, start - 1));
                from = start;
            }
            classes.add(new DateSpan(from, FUTURE));
        }
        if (maxMinLength > 0) {
            classes.add(new RealText(maxMinLength));
            for (int min : minLengths) {
                if (min > 1) {
                    classes.add(new Fixed(shortText(min - 1)));
                }
            }
            placeholders.stream().filter(p -> !p.isEmpty()).map(RuleValues::placeholderSpelling).forEach(p -> classes.add(new Fixed(p)));
        }
        if (!numberMins.isEmpty()) {
            BigDecimal from = null;
            for (BigDecimal min : numberMins) {
                classes.add(new NumberSpan(from, min));
                from = min;
            }
            classes.add(new NumberSpan(from, null));
        }
        if (!choices.isEmpty()) {
            choices.forEach(choice -> classes.add(new Fixed(choice)));
            String other = "Other";
            while (choices.contains(other)) {
                other = other + "+";
            }
            classes.add(new Fixed(other));
        }
        // "TBD" first among placeholders: the most common one in real CRMs
        classes.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return classes;
    }

    private static int rank(ValueClass valueClass) {
        if (valueClass instanceof Fixed && ((Fixed) valueClass).value instanceof String) {
            String text = (String) ((Fixed) valueClass).value;
            return text.equals("TBD") ? -1 : text.equals("N/A") ? 0 : 1;
        }
        return 0;
    }

    private static String placeholderSpelling(String placeholder) {
        switch (placeholder) {
            case "tbd": case "tbc": case "n/a": case "na":
                return placeholder.toUpperCase(Locale.ROOT);
            default:
                return placeholder;
        }
    }

    private static String shortText(int length) {
        String letters = "Pendingconfirmationfromthebuyer";
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(letters);
        }
        return text.substring(0, length);
    }

    private static final class Space {
        final String name;
        final boolean relation;
        final List<ValueClass> classes;
        final long full;
        final long pastDates;
        final long notPast;

        Space(String name, boolean relation, List<ValueClass> classes, long full, long pastDates, long notPast) {
            this.name = name;
            this.relation = relation;
            this.classes = classes;
            this.full = full;
            this.pastDates = pastDates;
            this.notPast = notPast;
        }
    }

    private static final class Atom {
        final int space;
        final long satisfied;
        final long violated;

        Atom(int space, long satisfied, long violated) {
            this.space = space;
            this.satisfied = satisfied;
            this.violated = violated;
        }
    }

    /** A set of values that every rule reading the field judges alike. */
    private abstract static class ValueClass {
        /** Values to evaluate at {@link #REFERENCE_DAY} (null = absent): all must get the same verdicts. */
        abstract List<Object> probes();

        abstract Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter);
    }

    /** One exact value, or absence. */
    private static final class Fixed extends ValueClass {
        static final Fixed ABSENT = new Fixed(null);
        final Object value;

        Fixed(Object value) {
            this.value = value;
        }

        @Override
        List<Object> probes() {
            List<Object> probes = new ArrayList<>(1);
            probes.add(value);
            return probes;
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            return value;
        }

        @Override
        public String toString() {
            return value == null ? "absent" : "'" + value + "'";
        }
    }

    /** Days {@code from}…{@code to} (inclusive offsets from the evaluation day; PAST / FUTURE when unbounded). */
    private static final class DateSpan extends ValueClass {
        final int from;
        final int to;

        DateSpan(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        List<Object> probes() {
            return List.of(
                    REFERENCE_DAY.plusDays(from == PAST ? Math.min(to, 0) - 3650L : from),
                    REFERENCE_DAY.plusDays(to == FUTURE ? Math.max(from, 0) + 3650L : to));
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            long lo = Math.max((long) from, notBefore);
            long hi = Math.min((long) to, notAfter);
            if (lo > hi) {
                lo = from;
                hi = to;
            }
            if (lo == PAST && hi == FUTURE) {
                lo = -30;
                hi = 21;
            } else if (lo == PAST) {
                lo = hi - 45;
            } else if (hi == FUTURE) {
                hi = lo + 21;
            }
            return today.plusDays(lo + random.nextLong(hi - lo + 1));
        }

        @Override
        public String toString() {
            return "days[" + (from == PAST ? "-inf" : from) + ", " + (to == FUTURE ? "+inf" : to) + "]";
        }
    }

    /** Numbers in [from, to); null bounds are unbounded. Sampled as whole units where the span allows. */
    private static final class NumberSpan extends ValueClass {
        final BigDecimal from;
        final BigDecimal to;

        NumberSpan(BigDecimal from, BigDecimal to) {
            this.from = from;
            this.to = to;
        }

        @Override
        List<Object> probes() {
            if (from == null) {
                return List.of(to.subtract(BigDecimal.ONE), to.subtract(BigDecimal.valueOf(1_000_000)));
            }
            if (to == null) {
                return List.of(from, from.add(BigDecimal.valueOf(1_000_000)));
            }
            return List.of(from);
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            if (from == null) {
                long spread = Math.max(1, to.abs().longValue() / 2);
                return to.subtract(BigDecimal.ONE).subtract(BigDecimal.valueOf(random.nextLong(spread))).setScale(0, RoundingMode.FLOOR).min(to.subtract(BigDecimal.ONE));
            }
            if (to == null) {
                long spread = Math.max(1, from.abs().longValue());
                return from.add(BigDecimal.valueOf(random.nextLong(spread))).setScale(0, RoundingMode.CEILING).max(from);
            }
            BigDecimal width = to.subtract(from);
            if (width.compareTo(BigDecimal.ONE) <= 0) {
                return from;
            }
            BigDecimal value = from.add(BigDecimal.valueOf(random.nextLong(width.longValue()))).setScale(0, RoundingMode.CEILING);
            return value.compareTo(to) < 0 ? value : from;
        }

        @Override
        public String toString() {
            return "number[" + from + ", " + to + ")";
        }
    }

    /** Counts from…to inclusive (to may be FUTURE = unbounded). */
    private static final class CountSpan extends ValueClass {
        final int from;
        final int to;

        CountSpan(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        List<Object> probes() {
            return List.of(from, to == FUTURE ? from + 1000 : to);
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            int hi = to == FUTURE ? from + 3 : to;
            return from + random.nextInt(hi - from + 1);
        }

        @Override
        public String toString() {
            return "count[" + from + ", " + (to == FUTURE ? "+inf" : to) + "]";
        }
    }

    /** Real text of at least {@code minLength} characters. */
    private static final class RealText extends ValueClass {
        private static final List<String> PHRASES = List.of(
                "Confirmed by the buyer on the weekly call",
                "Agreed with the CFO and the head of IT",
                "Documented in the joint evaluation plan",
                "Confirmed in writing by the economic buyer",
                "Reviewed with procurement and legal");
        final int minLength;

        RealText(int minLength) {
            this.minLength = minLength;
        }

        @Override
        List<Object> probes() {
            return List.of(pad(PHRASES.get(0)));
        }

        @Override
        Object sample(LocalDate today, SplittableRandom random, int notBefore, int notAfter) {
            return pad(PHRASES.get(random.nextInt(PHRASES.size())));
        }

        private String pad(String phrase) {
            StringBuilder text = new StringBuilder(phrase);
            while (text.length() < minLength) {
                text.append("; ").append(phrase);
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return "text(>=" + minLength + ")";
        }
    }
}

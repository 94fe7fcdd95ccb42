package io.stagegate.sandbox.org;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value classes of every field and relation the rules read, each a {@link Space} of at most 64 classes (so a set
 * of classes is one {@code long} mask), and for each atomic rule the classes that meet it, found by running the
 * engine's own {@link Rule#evaluate} on each class's probes. Immutable once built.
 */
final class ValueSpaces {
    private static final int MAX_CLASSES = 64;
    private static final int PER_VERDICT = 3;

    final List<Space> spaces = new ArrayList<>();
    final Map<String, Integer> fieldSpaces = new HashMap<>();
    final Map<String, Integer> relationSpaces = new HashMap<>();
    final Map<Rule, Atom> atoms = new HashMap<>();
    final List<String> scheduleFields;

    ValueSpaces(Collection<? extends Rule> rules) {
        Map<String, List<Rule>> byField = new LinkedHashMap<>();
        Map<String, List<Rule>> byRelation = new LinkedHashMap<>();
        Set<String> schedule = new LinkedHashSet<>();
        for (Rule rule : rules) {
            collect(Objects.requireNonNull(rule, "rule"), byField, byRelation, schedule);
        }
        byField.forEach((field, fieldRules) -> addSpace(field, false, fieldRules));
        byRelation.forEach((relation, relationRules) -> addSpace(relation, true, relationRules));
        this.scheduleFields = List.copyOf(new TreeSet<>(schedule));
    }

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
        List<ValueClass> candidates = relation ? ValueClasses.countClasses(distinct) : ValueClasses.fieldClasses(distinct);
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
            if (valueClass instanceof ValueClass.DateSpan) {
                ValueClass.DateSpan span = (ValueClass.DateSpan) valueClass;
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
                boolean m = rule.evaluate(probe(name, relation, value), RuleValues.REFERENCE_DAY).met();
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

    static final class Space {
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

    static final class Atom {
        final int space;
        final long satisfied;
        final long violated;

        Atom(int space, long satisfied, long violated) {
            this.space = space;
            this.satisfied = satisfied;
            this.violated = violated;
        }
    }
}

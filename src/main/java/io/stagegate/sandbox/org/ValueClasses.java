package io.stagegate.sandbox.org;

import io.stagegate.criteria.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts the values of one field (or the counts of one relation) into {@link ValueClass}es at the thresholds of every
 * rule that reads it, so that all values of one class get the same verdict from each of those rules.
 */
final class ValueClasses {
    private ValueClasses() {
    }

    static List<ValueClass> countClasses(List<Rule> rules) {
        TreeSet<Integer> mins = new TreeSet<>();
        for (Rule rule : rules) {
            mins.add(((Rule.RelatedCountAtLeast) rule).min());
        }
        List<ValueClass> classes = new ArrayList<>();
        int from = 0;
        for (int min : mins) {
            classes.add(new ValueClass.CountSpan(from, min - 1));
            from = min;
        }
        classes.add(new ValueClass.CountSpan(from, RuleValues.FUTURE));
        return classes;
    }

    static List<ValueClass> fieldClasses(List<Rule> rules) {
        List<ValueClass> classes = new ArrayList<>();
        classes.add(ValueClass.Fixed.ABSENT);
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
            classes.add(new ValueClass.Fixed(Boolean.TRUE));
            classes.add(new ValueClass.Fixed(Boolean.FALSE));
        }
        if (dates) {
            int from = RuleValues.PAST;
            for (int start : dateStarts) {
                classes.add(new ValueClass.DateSpan(from, start - 1));
                from = start;
            }
            classes.add(new ValueClass.DateSpan(from, RuleValues.FUTURE));
        }
        if (maxMinLength > 0) {
            classes.add(new ValueClass.RealText(maxMinLength));
            for (int min : minLengths) {
                if (min > 1) {
                    classes.add(new ValueClass.Fixed(shortText(min - 1)));
                }
            }
            placeholders.stream().filter(p -> !p.isEmpty()).map(ValueClasses::placeholderSpelling).forEach(p -> classes.add(new ValueClass.Fixed(p)));
        }
        if (!numberMins.isEmpty()) {
            BigDecimal from = null;
            for (BigDecimal min : numberMins) {
                classes.add(new ValueClass.NumberSpan(from, min));
                from = min;
            }
            classes.add(new ValueClass.NumberSpan(from, null));
        }
        if (!choices.isEmpty()) {
            choices.forEach(choice -> classes.add(new ValueClass.Fixed(choice)));
            String other = "Other";
            while (choices.contains(other)) {
                other = other + "+";
            }
            classes.add(new ValueClass.Fixed(other));
        }
        // "TBD" first among placeholders: the most common one in real CRMs
        classes.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return classes;
    }

    private static int rank(ValueClass valueClass) {
        if (valueClass instanceof ValueClass.Fixed && ((ValueClass.Fixed) valueClass).value instanceof String) {
            String text = (String) ((ValueClass.Fixed) valueClass).value;
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
}

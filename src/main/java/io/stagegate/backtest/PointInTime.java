package io.stagegate.backtest;

import io.stagegate.criteria.Decimals;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds an opportunity as it stood at a past instant from its current state and its recorded changes.
 *
 * <p>A value at {@code at} is the new value of the last change at or before {@code at}; without one, the old value of
 * the first change after it; without any change, today's value (the value never changed). Reading forwards from the
 * last change rather than undoing changes from today keeps a CRM that records only new values (Salesforce
 * {@code OpportunityHistory} rows are snapshots) exact. A change stamped exactly at {@code at} counts as done: the
 * sandbox's ground truth and a quarter's "first day, 00:00" both read it so.
 */
public final class PointInTime {
    private PointInTime() {
    }

    /**
     * The opportunity as it stood at {@code at}; empty if it did not exist then (created later, or already deleted).
     *
     * @param zone the zone in which the day of a stage change is counted ({@code stageEnteredOn})
     * @throws IllegalArgumentException if a recorded amount or close date cannot be read, naming the opportunity
     */
    public static Optional<PastOpportunity> asOf(OpportunityPast past, Instant at, ZoneId zone) {
        if (!past.existedAt(at)) {
            return Optional.empty();
        }
        Opportunity now = past.current();
        boolean beforeHistory = past.historyFrom() != null && at.isBefore(past.historyFrom()) && past.createdAt().isBefore(past.historyFrom());
        Map<String, List<Change>> byKey = new HashMap<>();
        for (Change change : past.changes()) {
            byKey.computeIfAbsent(change.key(), key -> new ArrayList<>()).add(change);
        }
        Set<String> unknownFields = new LinkedHashSet<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>(now.fields().keySet());
        names.addAll(past.untrackedFields());
        past.changes().stream().filter(change -> change.subject() == Change.Subject.FIELD).forEach(change -> names.add(change.field()));
        for (String name : names) {
            if (beforeHistory || past.untrackedFields().contains(name)) {
                unknownFields.add(name);
                continue;
            }
            Object value = valueAt(byKey.get(name), at, now.field(name));
            if (value != null) {
                fields.put(name, value);
            }
        }
        String id = now.id();
        Object stage = valueAt(byKey.get(Change.keyOf(Change.Subject.STAGE)), at, now.stage());
        Object amount = valueAt(byKey.get(Change.keyOf(Change.Subject.AMOUNT)), at, now.amount());
        Object closeDate = valueAt(byKey.get(Change.keyOf(Change.Subject.CLOSE_DATE)), at, now.closeDate());
        List<StageChange> history = stageHistory(byKey.get(Change.keyOf(Change.Subject.STAGE)), at);
        LocalDate stageEnteredOn = LocalDate.ofInstant(history.isEmpty() ? past.createdAt() : history.get(history.size() - 1).at(), zone);

        Map<String, Integer> related = new LinkedHashMap<>();
        Set<String> unknownRelations = new LinkedHashSet<>();
        Set<String> relations = new LinkedHashSet<>(now.relatedCounts().keySet());
        relations.addAll(past.relatedCreated().keySet());
        for (String relation : relations) {
            List<Instant> created = past.relatedCreated().get(relation);
            if (created == null) {
                unknownRelations.add(relation);
            } else {
                related.put(relation, (int) created.stream().filter(when -> !when.isAfter(at)).count());
            }
        }
        Opportunity then = new Opportunity(id, now.pipeline(), stage == null ? "" : stage.toString(), amount(id, amount), now.currency(),
                date(id, closeDate), now.owner(), fields, related, stageEnteredOn, history);
        return Optional.of(new PastOpportunity(then, at, unknownFields, unknownRelations, beforeHistory));
    }

    private static Object valueAt(List<Change> changes, Instant at, Object today) {
        if (changes == null || changes.isEmpty()) {
            return today;
        }
        Change last = null;
        for (Change change : changes) {
            if (change.at().isAfter(at)) {
                return last == null ? change.oldValue() : last.newValue();
            }
            last = change;
        }
        return last.newValue();
    }

    /** The stages entered up to {@code at}, oldest first; a recorded change that kept the stage is not a move. */
    private static List<StageChange> stageHistory(List<Change> changes, Instant at) {
        List<StageChange> history = new ArrayList<>();
        if (changes == null) {
            return history;
        }
        for (Change change : changes) {
            if (change.at().isAfter(at)) {
                break;
            }
            if (change.newValue() == null) {
                continue;
            }
            String stage = change.newValue().toString();
            if (history.isEmpty() || !history.get(history.size() - 1).stage().equals(stage)) {
                history.add(new StageChange(stage, change.at()));
            }
        }
        return history;
    }

    private static BigDecimal amount(String id, Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        String text = value.toString();
        if (text.isBlank()) {
            return null;
        }
        try {
            return Decimals.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("opportunity " + id + ": recorded amount " + e.getMessage(), e);
        }
    }

    private static LocalDate date(String id, Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("opportunity " + id + ": recorded close date '" + abbreviate(text) + "' is not a date (yyyy-MM-dd)", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

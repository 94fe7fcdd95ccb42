package io.stagegate.sandbox.org;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Rule;
import io.stagegate.sandbox.org.DealChange.Action;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions that change a deal's fields and related counts: fill an unmet criterion, book a next step, add a
 * stakeholder. Each keeps every criterion met that was met before, or does nothing ({@code null}).
 */
final class FieldActions {
    private final RuleValues values;
    private final List<String> relations;

    FieldActions(RuleValues values, List<String> relations) {
        this.values = values;
        this.relations = relations;
    }

    DealChange fill(DealTurn turn) {
        List<CriterionVerdict> unmet = new ArrayList<>();
        for (CriterionVerdict verdict : turn.evaluation.verdicts()) {
            if (!verdict.met()) {
                unmet.add(verdict);
            }
        }
        if (unmet.isEmpty()) {
            return null;
        }
        int start = turn.random.nextDouble() < 0.7 ? 0 : turn.random.nextInt(unmet.size());
        for (int k = 0; k < unmet.size(); k++) {
            Rule rule = unmet.get((start + k) % unmet.size()).criterion().rule();
            Map<String, Object> fields = new HashMap<>();
            Map<String, Integer> related = new HashMap<>();
            if (!fillRule(rule, turn, fields, related)) {
                continue;
            }
            Opportunity after = turn.overlay(fields, related);
            if (rule.evaluate(after, turn.today).met() && turn.keepsMet(after)) {
                return turn.change(Action.FILL_CRITERION, null, fields, related, null, null);
            }
        }
        return null;
    }

    /** Adds to {@code fields}/{@code related} what it takes to meet {@code rule}; false when it cannot be done. */
    private boolean fillRule(Rule rule, DealTurn turn, Map<String, Object> fields, Map<String, Integer> related) {
        if (rule.evaluate(turn.overlay(fields, related), turn.today).met()) {
            return true;
        }
        if (rule instanceof Rule.AllOf) {
            for (Rule part : ((Rule.AllOf) rule).rules()) {
                if (!fillRule(part, turn, fields, related)) {
                    return false;
                }
            }
            return true;
        }
        if (rule instanceof Rule.AnyOf) {
            List<Rule> parts = ((Rule.AnyOf) rule).rules();
            int start = turn.random.nextInt(parts.size());
            for (int k = 0; k < parts.size(); k++) {
                Map<String, Object> savedFields = new HashMap<>(fields);
                Map<String, Integer> savedRelated = new HashMap<>(related);
                if (fillRule(parts.get((start + k) % parts.size()), turn, fields, related)) {
                    return true;
                }
                fields.clear();
                fields.putAll(savedFields);
                related.clear();
                related.putAll(savedRelated);
            }
            return false;
        }
        if (rule instanceof Rule.Expression) {
            return false;
        }
        FieldValues satisfying = values.satisfy(rule, turn.today, turn.random, -7);
        for (String field : rule.fields()) {
            Object value = satisfying.fields().get(field);
            if (value == null) {
                return false;
            }
            fields.put(field, value);
        }
        for (String relation : rule.relations()) {
            related.put(relation, satisfying.related().get(relation));
        }
        return true;
    }

    DealChange bookNextStep(DealTurn turn) {
        List<String> schedule = values.scheduleFields();
        if (schedule.isEmpty()) {
            return null;
        }
        String field = schedule.get(turn.random.nextInt(schedule.size()));
        LocalDate current = asDate(turn.deal.fields().get(field));
        LocalDate base = current != null && !current.isBefore(turn.today) ? current : turn.today;
        Map<String, Object> fields = Map.of(field, base.plusDays(1 + turn.random.nextInt(14)));
        if (!turn.keepsMet(turn.overlay(fields, Map.of()))) {
            return null;
        }
        return turn.change(Action.BOOK_NEXT_STEP, null, fields, null, null, null);
    }

    static LocalDate asDate(Object value) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof CharSequence && value.toString().length() >= 10) {
            try {
                return LocalDate.parse(value.toString().substring(0, 10));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    DealChange addStakeholder(DealTurn turn) {
        if (relations.isEmpty()) {
            return null;
        }
        String relation = relations.get(turn.random.nextInt(relations.size()));
        int current = turn.deal.related().getOrDefault(relation, 0);
        if (current >= ScenarioDriver.MAX_STAKEHOLDERS) {
            return null;
        }
        int added = turn.random.nextDouble() < 0.3 ? 2 : 1;
        Map<String, Integer> related = Map.of(relation, Math.min(ScenarioDriver.MAX_STAKEHOLDERS, current + added));
        if (!turn.keepsMet(turn.overlay(Map.of(), related))) {
            return null;
        }
        return turn.change(Action.ADD_STAKEHOLDER, null, null, related, null, null);
    }
}

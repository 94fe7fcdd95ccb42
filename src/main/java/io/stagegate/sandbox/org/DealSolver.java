package io.stagegate.sandbox.org;

import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.Opportunity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Finds a deal's field values: one {@link RuleValues.Draft} holds every verdict the deal's shape intends (criteria
 * met, violated, or met at random), re-drawn a few times when an expression rule contradicts it.
 */
final class DealSolver {
    private static final int ATTEMPTS = 6;
    private static final byte NONE = -1;
    private static final byte VIOLATE = 0;
    private static final byte SATISFY = 1;

    private final RuleValues values;

    DealSolver(RuleValues values) {
        this.values = values;
    }

    static final class Solution {
        final FieldValues values;
        final boolean overStaged;

        Solution(FieldValues values, boolean overStaged) {
            this.values = values;
            this.overStaged = overStaged;
        }
    }

    /** Field values that give every criterion its intended verdict on the deal's day, checked with the rules. */
    Solution solve(DealShape s) {
        FieldValues last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[][] intent = new byte[s.model.stageCount()][];
            FieldValues candidate = attempt(s, s.lapse && attempt < ATTEMPTS / 2, intent);
            if (candidate == null) {
                continue;
            }
            last = candidate;
            // a draft without expression rules meets its requirements by construction: checking costs a third of the time
            if (s.controlled || verify(s, candidate, intent)) {
                return new Solution(candidate, s.over);
            }
        }
        if (last == null) {
            last = values.draft(s.random).values(s.day, RuleValues.PAST);
        }
        return new Solution(last, actuallyOverStaged(s, last));
    }

    private FieldValues attempt(DealShape s, boolean lapse, byte[][] intent) {
        PipelineModel model = s.model;
        int n = model.stageCount();
        for (int stage = 0; stage < n; stage++) {
            intent[stage] = new byte[model.criteria(stage).size()];
            Arrays.fill(intent[stage], NONE);
        }
        RuleValues.Draft draft = values.draft(s.random);
        if (!draft.requireSchedule(lapse)) {
            return null;
        }
        boolean wonRun = s.closedValue != null && s.won;
        int satisfiedBelow = !s.over ? (wonRun ? n : s.top) : s.q;
        for (int stage = 0; stage < satisfiedBelow; stage++) {
            List<ExitCriterion> criteria = model.criteria(stage);
            for (int c = 0; c < criteria.size(); c++) {
                if (!draft.require(criteria.get(c).rule(), true)) {
                    return null;
                }
                intent[stage][c] = SATISFY;
                hint(s, draft, stage, c);
            }
        }
        int partlyFrom = satisfiedBelow;
        if (s.over) {
            List<ExitCriterion> criteria = model.criteria(s.q);
            int[] order = shuffled(criteria.size(), s.random);
            int wanted = 1 + (s.random.nextDouble() < 0.3 ? 1 : 0);
            int violated = 0;
            for (int c : order) {
                if (violated < wanted && draft.require(criteria.get(c).rule(), false)) {
                    intent[s.q][c] = VIOLATE;
                    violated++;
                }
            }
            if (violated == 0) {
                return null;
            }
            for (int c : order) {
                if (intent[s.q][c] == NONE) {
                    partly(s, draft, intent, s.q, c);
                }
            }
            partlyFrom = s.q + 1;
        }
        int partlyTo = wonRun ? n - 1 : s.top;
        for (int stage = partlyFrom; stage <= partlyTo; stage++) {
            for (int c = 0; c < model.criteria(stage).size(); c++) {
                partly(s, draft, intent, stage, c);
            }
        }
        int created = s.offset(s.at[0]);
        FieldValues result = draft.values(s.day, created - 7);
        s.controlled = draft.controlled();
        return result;
    }

    /** A criterion met or not at random (whichever the requirements so far allow). */
    private static void partly(DealShape s, RuleValues.Draft draft, byte[][] intent, int stage, int c) {
        ExitCriterion criterion = s.model.criteria(stage).get(c);
        boolean want = s.random.nextDouble() < 0.5;
        if (draft.require(criterion.rule(), want)) {
            intent[stage][c] = want ? SATISFY : VIOLATE;
        } else if (draft.require(criterion.rule(), !want)) {
            intent[stage][c] = want ? VIOLATE : SATISFY;
        } else {
            return;
        }
        if (intent[stage][c] == SATISFY) {
            hint(s, draft, stage, c);
        }
    }

    /** Events that prove a stage's criterion happened before the deal left the stage. */
    private static void hint(DealShape s, RuleValues.Draft draft, int stage, int c) {
        int exit = s.exit[stage];
        if (exit != Integer.MAX_VALUE) {
            for (String field : s.model.eventFields.get(stage).get(c)) {
                draft.preferNotAfter(field, exit);
            }
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private boolean verify(DealShape s, FieldValues candidate, byte[][] intent) {
        Opportunity probe = probe(s, candidate);
        for (int stage = 0; stage < intent.length; stage++) {
            List<ExitCriterion> criteria = s.model.criteria(stage);
            for (int c = 0; c < intent[stage].length; c++) {
                if (intent[stage][c] != NONE && criteria.get(c).rule().evaluate(probe, s.day).met() != (intent[stage][c] == SATISFY)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean actuallyOverStaged(DealShape s, FieldValues candidate) {
        Opportunity probe = probe(s, candidate);
        for (int stage = 0; stage < s.top; stage++) {
            for (ExitCriterion criterion : s.model.criteria(stage)) {
                if (!criterion.rule().evaluate(probe, s.day).met()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Opportunity probe(DealShape s, FieldValues candidate) {
        Map<String, Object> fields = candidate.fields();
        return new Opportunity(PipelineModel.id(s.seq), s.model.crmPipeline, s.topValue, s.amount, s.currency, s.closeDate, s.owner.id(),
                fields, candidate.related(), null, null);
    }
}

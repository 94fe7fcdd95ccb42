package io.stagegate.sandbox.org;

import io.stagegate.criteria.CrmStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a deal's history: the stages it went through (one journey stage at a time, the optimist's jumps, the odd
 * regression), when it entered each, and the day it left each journey stage.
 */
final class DealPath {
    private final Instant horizon;

    /** @param horizon the last instant a history may reach: the end of yesterday */
    DealPath(Instant horizon) {
        this.horizon = horizon;
    }

    /** The stages the deal went through and when, and when it left each journey stage. */
    void path(DealShape s) {
        PipelineModel model = s.model;
        int[] recordable = model.recordable;
        int start = recordable[0];
        if (recordable.length > 1 && recordable[1] <= s.top && s.random.nextDouble() < 0.2) {
            start = recordable[1];
        }
        List<Integer> journey = new ArrayList<>();
        if (s.over && s.habit == Habit.OPTIMIST) {
            List<Integer> before = recordableBetween(model, start, s.q);
            int from = before.isEmpty() ? start : before.get(s.random.nextInt(before.size()));
            List<Integer> after = recordableBetween(model, Math.max(from, s.q) + 1, s.top);
            int to = after.isEmpty() || s.random.nextDouble() < 0.7 ? s.top : after.get(s.random.nextInt(after.size()));
            journey.addAll(recordableBetween(model, start, from));
            if (to > from) {
                journey.addAll(recordableBetween(model, to, s.top));
            }
        } else {
            journey.addAll(recordableBetween(model, start, s.top));
        }
        if (journey.size() >= 2 && s.random.nextDouble() < (s.over ? 0.08 : 0.12)) {
            int p = 1 + s.random.nextInt(journey.size() - 1);
            journey.add(p + 1, journey.get(p - 1));
            journey.add(p + 2, journey.get(p));
        }
        List<String> stages = new ArrayList<>();
        List<Integer> stageOf = new ArrayList<>();
        for (int k = 0; k < journey.size(); k++) {
            int stage = journey.get(k);
            List<CrmStage> crmStages = model.crmStages(stage);
            if (k == journey.size() - 1) {
                int last = indexOf(crmStages, s.topValue);
                int entry = s.random.nextInt(last + 1);
                add(stages, stageOf, crmStages.get(entry).value(), stage);
                if (entry < last) {
                    add(stages, stageOf, crmStages.get(last).value(), stage);
                }
            } else {
                add(stages, stageOf, crmStages.get(0).value(), stage);
                if (crmStages.size() > 1 && s.random.nextDouble() < 0.35) {
                    add(stages, stageOf, crmStages.get(1 + s.random.nextInt(crmStages.size() - 1)).value(), stage);
                }
            }
        }
        int entries = stages.size() + (s.closedValue != null ? 1 : 0);
        Instant[] at = new Instant[entries];
        int i = entries - 1;
        if (s.closedValue != null) {
            at[i] = s.closeAt;
        } else {
            at[i] = horizon.minusSeconds(60 + s.random.nextLong(benchmarkSeconds(model, s.top) * 16 / 10));
        }
        for (i = entries - 2; i >= 0; i--) {
            at[i] = at[i + 1].minusSeconds(4 * 3600 + s.random.nextLong(benchmarkSeconds(model, stageOf.get(i)) * 32 / 10));
        }
        s.stages = stages;
        s.journey = stageOf;
        s.at = at;
        int[] exit = new int[model.stageCount()];
        Arrays.fill(exit, Integer.MAX_VALUE);
        int created = s.offset(at[0]);
        for (int stage = 0; stage < stageOf.get(0); stage++) {
            exit[stage] = created;
        }
        for (int e = 1; e < entries; e++) {
            int from = stageOf.get(e - 1);
            int to = e < stageOf.size() ? stageOf.get(e) : (s.won ? model.stageCount() : -1);
            for (int stage = from; stage < to; stage++) {
                if (exit[stage] == Integer.MAX_VALUE) {
                    exit[stage] = s.offset(at[e]);
                }
            }
        }
        s.exit = exit;
    }

    private static void add(List<String> stages, List<Integer> stageOf, String value, int stage) {
        stages.add(value);
        stageOf.add(stage);
    }

    private static long benchmarkSeconds(PipelineModel model, int stage) {
        Integer days = model.pipeline.stage(stage).benchmarkDays();
        return Math.max(2, days == null ? 21 : days) * 86_400L;
    }

    private static List<Integer> recordableBetween(PipelineModel model, int from, int to) {
        List<Integer> stages = new ArrayList<>();
        for (int stage : model.recordable) {
            if (stage >= from && stage <= to) {
                stages.add(stage);
            }
        }
        return stages;
    }

    private static int indexOf(List<CrmStage> stages, String value) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).value().equals(value)) {
                return i;
            }
        }
        throw new IllegalStateException("CRM stage " + value + " not in its journey stage");
    }
}

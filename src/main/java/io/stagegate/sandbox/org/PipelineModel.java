package io.stagegate.sandbox.org;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.Rule;
import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** What the generator and the driver need to know about one pipeline, computed once. */
final class PipelineModel {
    final Pipeline pipeline;
    /** The value an {@link Opportunity} carries to select this pipeline ({@code null} for the default one). */
    final String crmPipeline;
    /** Journey stages that map at least one CRM stage, ascending: the only ones a deal can be recorded at. */
    final int[] recordable;
    /** Per journey stage, per criterion: the rule cannot be met while the next step has lapsed. */
    final boolean[][] needsSchedule;
    /** Per journey stage, per criterion: the date fields whose value is an event that happened (for history hints). */
    final List<List<Set<String>>> eventFields;
    /** The first journey stage with a criterion that needs a scheduled next step, or -1. */
    final int firstScheduleStage;
    /** Per journey stage: some earlier stage has an exit criterion (so a deal recorded here can be over-staged). */
    final boolean[] canOverStage;
    /** The share of deals (by {@link #stageWeight}) recorded at or before {@link #firstScheduleStage}. */
    final double earlyShare;

    PipelineModel(Pipeline pipeline, RuleValues values) {
        this.pipeline = pipeline;
        this.crmPipeline = pipeline.crmPipelines().isEmpty() ? null : pipeline.crmPipelines().get(0);
        int n = pipeline.stages().size();
        List<Integer> mapped = new ArrayList<>();
        this.needsSchedule = new boolean[n][];
        this.eventFields = new ArrayList<>();
        this.canOverStage = new boolean[n];
        int firstSchedule = -1;
        boolean criteriaBefore = false;
        for (int s = 0; s < n; s++) {
            canOverStage[s] = criteriaBefore;
            List<ExitCriterion> criteria = pipeline.stage(s).exitCriteria();
            criteriaBefore |= !criteria.isEmpty();
            if (!pipeline.stage(s).crmStages().isEmpty()) {
                mapped.add(s);
            }
            needsSchedule[s] = new boolean[criteria.size()];
            List<Set<String>> events = new ArrayList<>();
            for (int c = 0; c < criteria.size(); c++) {
                Rule rule = criteria.get(c).rule();
                RuleValues.Draft draft = values.draft(new SplittableRandom(0));
                needsSchedule[s][c] = draft.requireSchedule(true) && !draft.require(rule, true);
                if (needsSchedule[s][c] && firstSchedule < 0) {
                    firstSchedule = s;
                }
                Set<String> fields = new LinkedHashSet<>();
                collectEventFields(rule, fields);
                events.add(Set.copyOf(fields));
            }
            eventFields.add(List.copyOf(events));
        }
        this.recordable = mapped.stream().mapToInt(Integer::intValue).toArray();
        this.firstScheduleStage = firstSchedule;
        double early = 0;
        double total = 0;
        for (int i = 0; i < recordable.length; i++) {
            total += stageWeight(i);
            early += recordable[i] <= firstSchedule ? stageWeight(i) : 0;
        }
        this.earlyShare = early / total;
    }

    /** How many deals sit at the i-th recordable stage, relatively: fewer at later stages. */
    static double stageWeight(int position) {
        return Math.max(0.3, 1.0 - 0.1 * position);
    }

    private static void collectEventFields(Rule rule, Set<String> fields) {
        if (rule instanceof Rule.AllOf) {
            ((Rule.AllOf) rule).rules().forEach(part -> collectEventFields(part, fields));
        } else if (rule instanceof Rule.AnyOf) {
            ((Rule.AnyOf) rule).rules().forEach(part -> collectEventFields(part, fields));
        } else if (rule instanceof Rule.DateInPast || rule instanceof Rule.DateNotOlderThan || rule instanceof Rule.DatePresent) {
            fields.addAll(rule.fields());
        }
    }

    int stageCount() {
        return pipeline.stages().size();
    }

    List<ExitCriterion> criteria(int stage) {
        return pipeline.stage(stage).exitCriteria();
    }

    boolean hasCriteria(int stage) {
        return !pipeline.stage(stage).exitCriteria().isEmpty();
    }

    List<CrmStage> crmStages(int stage) {
        return pipeline.stage(stage).crmStages();
    }

    /** The next recordable journey stage after {@code stage}, or -1. */
    int nextRecordable(int stage) {
        for (int s : recordable) {
            if (s > stage) {
                return s;
            }
        }
        return -1;
    }

    /** The closest recordable journey stage before {@code stage}, or -1. */
    int previousRecordable(int stage) {
        int previous = -1;
        for (int s : recordable) {
            if (s >= stage) {
                break;
            }
            previous = s;
        }
        return previous;
    }

    int lastRecordable() {
        return recordable[recordable.length - 1];
    }

    /** The first CRM value of the won (or lost) end, or null when the pipeline maps none. */
    String closedValue(boolean won) {
        List<CrmStage> stages = won ? pipeline.won().crmStages() : pipeline.lost().crmStages();
        return stages.isEmpty() ? null : stages.get(0).value();
    }

    /** An engine opportunity for a CRM-neutral deal of this pipeline. */
    Opportunity opportunity(int seq, String stage, BigDecimal amount, String currency, LocalDate closeDate, Rep owner,
            Map<String, Object> fields, Map<String, Integer> related, List<StageChange> history, ZoneId zone) {
        LocalDate entered = history.isEmpty() ? null : LocalDate.ofInstant(history.get(history.size() - 1).at(), zone);
        return new Opportunity(id(seq), crmPipeline, stage, amount, currency, closeDate, owner.id(), fields, related, entered, history);
    }

    static String id(int seq) {
        return "deal-" + seq;
    }

    static PipelineModel find(List<PipelineModel> models, String key) {
        for (PipelineModel model : models) {
            if (model.pipeline.key().equals(key)) {
                return model;
            }
        }
        throw new IllegalArgumentException("no pipeline '" + key + "' in the playbook");
    }

    /** Pipelines a deal can be put in: the engine must select them (a second pipeline without CRM values cannot be). */
    static List<PipelineModel> reachable(Playbook playbook, RuleValues values) {
        List<PipelineModel> models = new ArrayList<>();
        Pipeline fallback = playbook.defaultPipeline();
        for (Pipeline pipeline : playbook.pipelines()) {
            boolean selectable = pipeline == fallback || !pipeline.crmPipelines().isEmpty();
            boolean recordable = pipeline.stages().stream().anyMatch(stage -> !stage.crmStages().isEmpty());
            if (selectable && recordable) {
                models.add(new PipelineModel(pipeline, values));
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("playbook '" + playbook.name() + "' has no pipeline with a CRM stage");
        }
        return List.copyOf(models);
    }
}

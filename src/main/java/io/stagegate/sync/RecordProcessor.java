package io.stagegate.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.EvaluationException;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.ExitCriterion;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.criteria.StageRef;
import io.stagegate.criteria.StageTransition;
import io.stagegate.criteria.Writeback;
import io.stagegate.crm.CrmOpportunity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one record read from the CRM into the sync engine's decisions, given what was known before: evaluate it with
 * the playbook, freeze stage moves as first observed, and decide whether its output fields must be written. Pure: no
 * I/O, deterministic given the evaluator's clock, so replaying a page decides the same things.
 */
final class RecordProcessor {
    /** Keeps the scale of decimals (12.50 stays 12.50). */
    private static final JsonNodeFactory EXACT = JsonNodeFactory.withExactBigDecimals(true);
    private static final JsonFactory JSON_TEXT = new JsonFactory();

    private final Playbook playbook;
    private final Evaluator evaluator;
    private final WriteScope scope;
    private final Set<String> outputNames;

    RecordProcessor(Evaluator evaluator, WriteScope scope) {
        this.playbook = evaluator.playbook();
        this.evaluator = evaluator;
        this.scope = scope;
        this.outputNames = new LinkedHashSet<>();
        for (OutputField field : OutputField.values()) {
            outputNames.add(playbook.outputField(field));
        }
    }

    Set<String> outputNames() {
        return outputNames;
    }

    /**
     * @param readAt when the read that returned {@code record} started: a write of ours that completed after it is not
     *     visible in {@code record}
     * @param source where the record came from (poll, push, sweep): recorded with the moves first seen
     */
    Processed process(CrmOpportunity record, Prior prior, Instant readAt, String source) {
        if (prior.seen()) {
            int byStamp = record.modifiedAt().compareTo(prior.modifiedAt());
            if (byStamp < 0 || (byStamp == 0 && prior.readAt() != null && readAt.isBefore(prior.readAt()))) {
                return Processed.stale(record.id());
            }
        }
        Map<String, Object> held = OutputValues.held(record.fields(), outputNames);
        if (record.deleted()) {
            return new Processed(record.id(), Processed.Disposition.DELETED,
                    state(record, "DELETED", null, held, null, null, readAt), List.of(), Processed.OutboxAction.CLEAR_PENDING, null);
        }
        Opportunity opportunity = withObservedMove(record, prior);
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(opportunity);
        } catch (EvaluationException e) {
            return new Processed(record.id(), Processed.Disposition.UNEVALUABLE,
                    state(record, "UNMAPPED", null, held, null, e.getMessage(), readAt), List.of(), Processed.OutboxAction.NONE, null);
        }
        Pipeline pipeline = playbook.pipelineFor(record.pipeline());
        List<StoredTransition> firstSeen = new ArrayList<>();
        Evaluation frozen = freezeTransitions(evaluation, pipeline, prior, source, firstSeen);
        Map<String, Object> desired = Writeback.values(playbook, frozen);
        Processed.OutboxAction action = decide(desired, held, prior, readAt, pipeline.key());
        return new Processed(record.id(), Processed.Disposition.EVALUATED,
                state(record, frozen.status().name(), frozen, held, desired, null, readAt), firstSeen, action, desired);
    }

    private Processed.OutboxAction decide(Map<String, Object> desired, Map<String, Object> held, Prior prior, Instant readAt, String pipelineKey) {
        if (OutputValues.same(desired, held)) {
            return prior.pendingOutputs() != null ? Processed.OutboxAction.CLEAR_PENDING : Processed.OutboxAction.NONE;
        }
        if (prior.sendingOutputs() != null && OutputValues.same(desired, prior.sendingOutputs())) {
            // in flight already; a waiting row with other values is outdated
            return prior.pendingOutputs() != null && !OutputValues.same(desired, prior.pendingOutputs())
                    ? Processed.OutboxAction.CLEAR_PENDING : Processed.OutboxAction.NONE;
        }
        if (prior.writtenOutputs() != null && prior.writtenAt() != null && !prior.writtenAt().isBefore(readAt)
                && OutputValues.same(desired, prior.writtenOutputs())) {
            // the record was read before our write landed: it is not stale in the CRM, only in this read
            return Processed.OutboxAction.NONE;
        }
        boolean writes = scope.writes(pipelineKey);
        if (prior.pendingOutputs() != null && OutputValues.same(desired, prior.pendingOutputs()) && writes) {
            return Processed.OutboxAction.NONE;
        }
        return writes ? Processed.OutboxAction.WRITE : Processed.OutboxAction.SHADOW;
    }

    /**
     * The record as the engine sees it. When the connector read no history but the stage differs from the one last
     * seen, the move between the two reads is added, so it is judged like a move from the CRM's history.
     */
    private static Opportunity withObservedMove(CrmOpportunity record, Prior prior) {
        Opportunity opportunity = record.toOpportunity();
        if (!record.history().isEmpty() || prior.stage() == null || record.stage() == null || prior.stage().equals(record.stage())) {
            return opportunity;
        }
        List<StageChange> observed = List.of(new StageChange(prior.stage(), prior.modifiedAt()), new StageChange(record.stage(), record.modifiedAt()));
        return new Opportunity(opportunity.id(), opportunity.pipeline(), opportunity.stage(), opportunity.amount(), opportunity.currency(),
                opportunity.closeDate(), opportunity.owner(), opportunity.fields(), opportunity.relatedCounts(), opportunity.stageEnteredOn(), observed);
    }

    /**
     * Moves recorded before keep the criteria they skipped when first observed; moves seen now for the first time are
     * judged now and returned in {@code firstSeen}.
     */
    private static Evaluation freezeTransitions(Evaluation evaluation, Pipeline pipeline, Prior prior, String source,
            List<StoredTransition> firstSeen) {
        if (evaluation.transitions().isEmpty()) {
            return evaluation;
        }
        List<StageTransition> transitions = new ArrayList<>(evaluation.transitions().size());
        boolean replaced = false;
        for (StageTransition move : evaluation.transitions()) {
            if (move.at() == null) {
                transitions.add(move);
                continue;
            }
            StoredTransition stored = prior.transitions().get(StoredTransition.key(move.at(), move.toStage()));
            if (stored == null) {
                firstSeen.add(toStored(move, source));
                transitions.add(move);
            } else {
                StageTransition thawed = fromStored(stored, move, pipeline);
                replaced |= !thawed.unmetCriteria().equals(move.unmetCriteria());
                transitions.add(thawed);
            }
        }
        if (!replaced) {
            return evaluation;
        }
        return new Evaluation(evaluation.opportunityId(), evaluation.pipeline(), evaluation.owner(), evaluation.status(),
                evaluation.recordedStage(), evaluation.qualifiedStage(), evaluation.verdicts(), evaluation.currency(), evaluation.amount(),
                evaluation.recordedProbability(), evaluation.qualifiedProbability(), evaluation.recordedForecast(), evaluation.qualifiedForecast(),
                evaluation.recordedCategory(), evaluation.qualifiedCategory(), evaluation.overStaged(), evaluation.stalled(), evaluation.daysInStage(),
                evaluation.debriefQuestions(), transitions);
    }

    private static StoredTransition toStored(StageTransition move, String source) {
        List<StoredTransition.SkippedCriterion> skipped = new ArrayList<>();
        for (CriterionVerdict verdict : move.unmetCriteria()) {
            skipped.add(new StoredTransition.SkippedCriterion(verdict.key(), verdict.criterion().label(), verdict.stageIndex(), verdict.observed()));
        }
        return new StoredTransition(move.fromStage(), move.toStage(), move.at(), move.kind().name(), move.skippedStages(), skipped, source);
    }

    /** The stored move with its frozen criteria, as the engine's type; criteria the playbook no longer has are dropped. */
    private static StageTransition fromStored(StoredTransition stored, StageTransition current, Pipeline pipeline) {
        List<CriterionVerdict> unmet = new ArrayList<>();
        for (StoredTransition.SkippedCriterion skipped : stored.skippedCriteria()) {
            ExitCriterion criterion = criterion(pipeline, skipped.stageIndex(), skipped.key());
            if (criterion != null) {
                unmet.add(new CriterionVerdict(criterion, skipped.stageIndex(), false, skipped.observed()));
            }
        }
        return new StageTransition(current.fromStage(), current.toStage(), current.at(), current.kind(), current.skippedStages(), unmet);
    }

    private static ExitCriterion criterion(Pipeline pipeline, int stageIndex, String key) {
        if (stageIndex < 0 || stageIndex >= pipeline.stages().size()) {
            return null;
        }
        JourneyStage stage = pipeline.stage(stageIndex);
        for (ExitCriterion criterion : stage.exitCriteria()) {
            if (criterion.key().equals(key)) {
                return criterion;
            }
        }
        return null;
    }

    private Processed.StateRow state(CrmOpportunity record, String status, Evaluation evaluation, Map<String, Object> held,
            Map<String, Object> desired, String problem, Instant readAt) {
        return new Processed.StateRow(
                record.id(),
                evaluation == null ? record.pipeline() : evaluation.pipeline(),
                record.stage(),
                record.owner(),
                evaluation == null ? record.currency() : evaluation.currency(),
                record.amount(),
                record.closeDate(),
                status,
                evaluation == null ? null : evaluation.recordedStage().key(),
                evaluation == null ? null : evaluation.qualifiedStage().key(),
                evaluation != null && evaluation.overStaged(),
                evaluation != null && evaluation.stageSkip(),
                evaluation == null ? null : evaluation.recordedForecast(),
                evaluation == null ? null : evaluation.qualifiedForecast(),
                inputsJson(record),
                evaluation == null ? "{}" : evaluationJson(evaluation),
                OutputValues.toJson(held),
                desired == null ? "{}" : OutputValues.toJson(desired),
                problem,
                record.modifiedAt(),
                readAt);
    }

    private String inputsJson(CrmOpportunity record) {
        ObjectNode node = EXACT.objectNode();
        ObjectNode fields = node.putObject("fields");
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            if (outputNames.contains(field.getKey())) {
                continue;
            }
            OutputValues.put(fields, field.getKey(), field.getValue());
        }
        ObjectNode related = node.putObject("related");
        record.related().forEach(related::put);
        if (record.stageEnteredOn() != null) {
            node.put("stageEnteredOn", record.stageEnteredOn().toString());
        }
        // the state row keeps the pipeline key and the currency the evaluation chose; another playbook may choose
        // differently, so a preview re-evaluates from the CRM's own values
        if (record.pipeline() != null) {
            node.put("crmPipeline", record.pipeline());
        }
        if (record.currency() != null) {
            node.put("crmCurrency", record.currency());
        }
        return node.toString();
    }

    /**
     * The evaluation as the state row keeps it, written straight to text: building a Jackson tree first and printing it
     * was more than a third of processing a record in a profile of the 10,000-record backfill.
     */
    static String evaluationJson(Evaluation evaluation) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON_TEXT.createGenerator(text)) {
            json.writeStartObject();
            stage(json, "recorded", evaluation.recordedStage());
            stage(json, "qualified", evaluation.qualifiedStage());
            number(json, "recordedProbability", evaluation.recordedProbability());
            number(json, "qualifiedProbability", evaluation.qualifiedProbability());
            json.writeStringField("recordedCategory", evaluation.recordedCategory().name());
            json.writeStringField("qualifiedCategory", evaluation.qualifiedCategory().name());
            json.writeBooleanField("stalled", evaluation.stalled());
            if (evaluation.daysInStage() != null) {
                json.writeNumberField("daysInStage", evaluation.daysInStage());
            }
            json.writeArrayFieldStart("verdicts");
            for (CriterionVerdict verdict : evaluation.verdicts()) {
                json.writeStartObject();
                json.writeStringField("key", verdict.key());
                json.writeStringField("label", verdict.criterion().label());
                json.writeNumberField("stage", verdict.stageIndex());
                json.writeBooleanField("met", verdict.met());
                json.writeStringField("observed", verdict.observed());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("debriefQuestions");
            for (String question : evaluation.debriefQuestions()) {
                json.writeString(question);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing an evaluation to a string failed", e);
        }
        return text.toString();
    }

    private static void stage(JsonGenerator json, String name, StageRef stage) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("index", stage.index());
        json.writeStringField("key", stage.key());
        json.writeStringField("label", stage.label());
        json.writeStringField("crmStage", stage.crmStage());
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, String name, BigDecimal value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

}

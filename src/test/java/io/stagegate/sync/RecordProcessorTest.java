package io.stagegate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.OutputField;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.criteria.Writeback;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.playbook.PlaybookLoader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sync engine's per-record decisions, without a database or a CRM. */
class RecordProcessorTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Playbook PLAYBOOK = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    static final Evaluator EVALUATOR = new Evaluator(PLAYBOOK, Clock.fixed(NOW, ZoneOffset.UTC));
    static final RecordProcessor WRITING = new RecordProcessor(EVALUATOR, WriteScope.ALL);
    static final Instant MODIFIED = Instant.parse("2026-11-26T11:00:00Z");
    static final Instant READ = Instant.parse("2026-11-26T11:59:00Z");

    /** An opportunity in Needs Analysis whose engagement criteria (demo, technical meeting) are unmet: over-staged. */
    static CrmOpportunity overStaged(Map<String, Object> extra, List<StageChange> history, Instant modified) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Discovery_Meeting_Date__c", LocalDate.of(2026, 10, 1));
        fields.putAll(extra);
        return new CrmOpportunity("006000000000001AAA", null, "Needs Analysis", new BigDecimal("10000"), "USD", LocalDate.of(2026, 12, 31),
                "005000000000001AAA", LocalDate.of(2026, 11, 1), modified, false, fields, Map.of(), history);
    }

    static CrmOpportunity overStaged() {
        return overStaged(Map.of(), List.of(), MODIFIED);
    }

    static Map<String, Object> desiredFor(CrmOpportunity record) {
        return Writeback.values(PLAYBOOK, EVALUATOR.evaluate(record.toOpportunity()));
    }

    @Test
    void aFirstSeenRecordIsQueuedWithTheEngineValues() {
        Processed result = WRITING.process(overStaged(), Prior.NONE, READ, "poll");

        assertThat(result.disposition()).isEqualTo(Processed.Disposition.EVALUATED);
        assertThat(result.outbox()).isEqualTo(Processed.OutboxAction.WRITE);
        assertThat(result.outputs()).isEqualTo(desiredFor(overStaged()));
        assertThat(result.state().overStaged()).isTrue();
        assertThat(result.state().qualifiedStage()).isEqualTo("engagement");
    }

    @Test
    void valuesTheCrmAlreadyHoldsAreNeverWritten() {
        Map<String, Object> held = new HashMap<>(desiredFor(overStaged()));
        // the CRM returns 20.0 for 20 and no text for an empty one: still the same
        held.replaceAll((field, value) -> value instanceof BigDecimal ? ((BigDecimal) value).setScale(4) : value);
        Processed result = WRITING.process(overStaged(held, List.of(), MODIFIED), Prior.NONE, READ, "poll");

        assertThat(result.outbox()).isEqualTo(Processed.OutboxAction.NONE);
    }

    @Test
    void aWaitingRowIsDroppedWhenTheCrmHoldsTheValuesAlready() {
        Map<String, Object> held = desiredFor(overStaged());
        Prior prior = new Prior("Needs Analysis", MODIFIED.minusSeconds(60), READ.minusSeconds(60), null, null, Map.of("x", "old"), null, Map.of());

        assertThat(WRITING.process(overStaged(held, List.of(), MODIFIED), prior, READ, "poll").outbox())
                .isEqualTo(Processed.OutboxAction.CLEAR_PENDING);
    }

    @Test
    void anOlderVersionReadLaterChangesNothing() {
        Prior prior = new Prior("Needs Analysis", MODIFIED, READ, null, null, null, null, Map.of());

        assertThat(WRITING.process(overStaged(Map.of(), List.of(), MODIFIED.minusSeconds(1)), prior, READ.plusSeconds(5), "push").disposition())
                .isEqualTo(Processed.Disposition.STALE);
        assertThat(WRITING.process(overStaged(), prior, READ.minusSeconds(1), "poll").disposition())
                .as("the same version read earlier than the one processed").isEqualTo(Processed.Disposition.STALE);
        assertThat(WRITING.process(overStaged(), prior, READ.plusSeconds(1), "poll").disposition())
                .as("the same version read again, later: re-evaluated (today may have changed)").isEqualTo(Processed.Disposition.EVALUATED);
    }

    @Test
    void valuesInFlightOrWrittenAfterTheReadAreNotQueuedAgain() {
        Map<String, Object> desired = desiredFor(overStaged());
        Prior sending = new Prior("Needs Analysis", MODIFIED, READ.minusSeconds(30), null, null, null, desired, Map.of());
        assertThat(WRITING.process(overStaged(), sending, READ, "poll").outbox()).isEqualTo(Processed.OutboxAction.NONE);

        Prior writtenAfterRead = new Prior("Needs Analysis", MODIFIED, READ.minusSeconds(30), desired, READ.plusMillis(5), null, null, Map.of());
        assertThat(WRITING.process(overStaged(), writtenAfterRead, READ, "poll").outbox()).isEqualTo(Processed.OutboxAction.NONE);

        Prior writtenBeforeRead = new Prior("Needs Analysis", MODIFIED, READ.minusSeconds(30), desired, READ.minusSeconds(10), null, null, Map.of());
        assertThat(WRITING.process(overStaged(), writtenBeforeRead, READ, "poll").outbox())
                .as("someone overwrote our values after we wrote them: write again").isEqualTo(Processed.OutboxAction.WRITE);
    }

    @Test
    void shadowModeRecordsWhatWouldBeWritten() {
        assertThat(new RecordProcessor(EVALUATOR, WriteScope.SHADOW).process(overStaged(), Prior.NONE, READ, "poll").outbox())
                .isEqualTo(Processed.OutboxAction.SHADOW);
        assertThat(new RecordProcessor(EVALUATOR, new WriteScope(true, Set.of("other"))).process(overStaged(), Prior.NONE, READ, "poll").outbox())
                .as("a pilot on another pipeline").isEqualTo(Processed.OutboxAction.SHADOW);
        assertThat(new RecordProcessor(EVALUATOR, new WriteScope(true, Set.of("standard"))).process(overStaged(), Prior.NONE, READ, "poll").outbox())
                .isEqualTo(Processed.OutboxAction.WRITE);
    }

    @Test
    void aJumpStaysFlaggedWhenTheSkippedCriteriaAreFilledInLater() {
        List<StageChange> history = List.of(new StageChange("Qualification", Instant.parse("2026-11-01T09:00:00Z")),
                new StageChange("Needs Analysis", Instant.parse("2026-11-10T09:00:00Z")));
        Processed first = WRITING.process(overStaged(Map.of(), history, MODIFIED), Prior.NONE, READ, "poll");
        assertThat(first.newTransitions()).hasSize(1);
        StoredTransition jump = first.newTransitions().get(0);
        assertThat(jump.skippedCriteria()).extracting(StoredTransition.SkippedCriterion::key)
                .containsExactly("demo_attended_next_step", "technical_teams_met_next_step");
        assertThat(first.outputs().get(PLAYBOOK.outputField(OutputField.STAGE_SKIP))).isEqualTo(true);

        // the rep fills in the demo and the technical meeting afterwards
        CrmOpportunity filled = overStaged(Map.of("Demo_Date__c", LocalDate.of(2026, 11, 20), "Technical_Meeting_Date__c", LocalDate.of(2026, 11, 21),
                "Next_Step_Date__c", LocalDate.of(2026, 12, 5)), history, MODIFIED.plusSeconds(3600));
        Prior prior = new Prior("Needs Analysis", MODIFIED, READ, first.outputs(), READ.plusSeconds(1), null, null, Map.of(jump.key(), jump));
        Processed later = WRITING.process(filled, prior, READ.plusSeconds(7200), "poll");

        assertThat(later.newTransitions()).isEmpty();
        assertThat(later.state().overStaged()).as("qualified now").isFalse();
        assertThat(later.outputs().get(PLAYBOOK.outputField(OutputField.STAGE_SKIP))).as("but the jump skipped them when it happened").isEqualTo(true);
        assertThat((String) later.outputs().get(PLAYBOOK.outputField(OutputField.SKIPPED_CRITERIA_DETAIL))).contains("Demo attended, next step set");
    }

    @Test
    void aStageChangeBetweenTwoReadsIsAMoveEvenWithoutHistory() {
        Prior prior = new Prior("Prospecting", MODIFIED.minusSeconds(600), READ.minusSeconds(600), null, null, null, null, Map.of());
        Processed result = WRITING.process(overStaged(), prior, READ, "push");

        assertThat(result.newTransitions()).singleElement().satisfies(move -> {
            assertThat(move.fromStage()).isEqualTo("Prospecting");
            assertThat(move.toStage()).isEqualTo("Needs Analysis");
            assertThat(move.source()).isEqualTo("push");
            assertThat(move.skippedStages()).isNotEmpty();
        });
    }

    @Test
    void deletedAndUnmappedRecordsAreKeptWithTheirReason() {
        CrmOpportunity deleted = new CrmOpportunity("006000000000002AAA", null, "Prospecting", null, null, null, null, null, MODIFIED, true,
                Map.of(), Map.of(), List.of());
        assertThat(WRITING.process(deleted, Prior.NONE, READ, "poll").outbox()).isEqualTo(Processed.OutboxAction.CLEAR_PENDING);

        CrmOpportunity retired = new CrmOpportunity("006000000000003AAA", null, "Retired Stage", null, "USD", null, null, null, MODIFIED, false,
                Map.of(), Map.of(), List.of());
        Processed unmapped = WRITING.process(retired, Prior.NONE, READ, "poll");
        assertThat(unmapped.disposition()).isEqualTo(Processed.Disposition.UNEVALUABLE);
        assertThat(unmapped.state().problem()).contains("Retired Stage");
        assertThat(unmapped.outbox()).isEqualTo(Processed.OutboxAction.NONE);
    }

    @Test
    void outputValuesCompareAsTheCrmStoresThem() {
        assertThat(OutputValues.sameValue(new BigDecimal("75"), new BigDecimal("75.000"))).isTrue();
        assertThat(OutputValues.sameValue(false, null)).isTrue();
        assertThat(OutputValues.sameValue("", null)).isTrue();
        assertThat(OutputValues.sameValue("20", new BigDecimal("20.0"))).isTrue();
        assertThat(OutputValues.sameValue(true, false)).isFalse();
        assertThat(OutputValues.sameValue("Engagement", "engagement")).isFalse();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("A__c", new BigDecimal("12.50"));
        values.put("B__c", true);
        values.put("C__c", null);
        values.put("D__c", "text");
        assertThat(OutputValues.fromJson(OutputValues.toJson(values))).isEqualTo(values);
    }

    @Test
    void theStoredEvaluationIsTheJsonOfEveryVerdictStageAndQuestion() throws Exception {
        List<StageChange> jump = List.of(new StageChange("Prospecting", MODIFIED.minusSeconds(86_400 * 30)),
                new StageChange("Proposal/Price Quote", MODIFIED.minusSeconds(86_400)));
        for (CrmOpportunity record : List.of(overStaged(), overStaged(Map.of("Demo_Completed__c", true, "Next_Step_Date__c", LocalDate.of(2026, 12, 2)),
                jump, MODIFIED))) {
            io.stagegate.criteria.Evaluation evaluation = EVALUATOR.evaluate(record.toOpportunity());

            com.fasterxml.jackson.databind.JsonNode stored = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(RecordProcessor.evaluationJson(evaluation));

            assertThat(stored.path("recorded").path("key").asText()).isEqualTo(evaluation.recordedStage().key());
            assertThat(stored.path("qualified").path("crmStage").asText()).isEqualTo(evaluation.qualifiedStage().crmStage());
            assertThat(stored.path("qualifiedProbability").decimalValue()).isEqualTo(evaluation.qualifiedProbability());
            assertThat(stored.path("recordedCategory").asText()).isEqualTo(evaluation.recordedCategory().name());
            assertThat(stored.path("verdicts")).hasSize(evaluation.verdicts().size());
            for (int i = 0; i < evaluation.verdicts().size(); i++) {
                io.stagegate.criteria.CriterionVerdict verdict = evaluation.verdicts().get(i);
                com.fasterxml.jackson.databind.JsonNode json = stored.path("verdicts").get(i);
                assertThat(json.path("key").asText()).isEqualTo(verdict.key());
                assertThat(json.path("label").asText()).isEqualTo(verdict.criterion().label());
                assertThat(json.path("stage").asInt()).isEqualTo(verdict.stageIndex());
                assertThat(json.path("met").asBoolean()).isEqualTo(verdict.met());
                assertThat(json.path("observed").asText()).isEqualTo(verdict.observed());
            }
            assertThat(stored.path("debriefQuestions")).hasSize(evaluation.debriefQuestions().size());
            assertThat(evaluation.verdicts()).isNotEmpty();
        }
    }
}

package io.stagegate.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.OpportunityStatus;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.playbook.PlaybookLoader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rebuilding an opportunity as of the first day of Q4 2026 (UTC) and judging it with the default Salesforce playbook. */
class PointInTimeTest {
    private static final Playbook PLAYBOOK = PlaybookLoader.fromClasspath("playbooks/default-salesforce.yaml");
    /** Today, long after the quarter started: nothing the rebuild does may read today's values by accident. */
    private static final Evaluator EVALUATOR = new Evaluator(PLAYBOOK, Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC));
    private static final Instant QUARTER = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-07-01T09:00:00Z");
    private static final String DISCOVERY = "Discovery_Meeting_Date__c";
    private static final String FIT = "Solution_Fit_Confirmed__c";
    private static final String STAKEHOLDERS = "Stakeholders_Confirmed__c";
    private static final String CO_CREATED = "Solution_Co_Created__c";
    private static final String NEXT_STEP = "Next_Step_Date__c";
    private static final String BUDGET = "Budget_Confirmed__c";
    private static final String CONTACT_ROLES = "OpportunityContactRoles";

    @Test
    void aFieldChangedOnTheBoundaryDayCountsOnlyIfChangedAtOrBeforeTheDayStarted() {
        Instant justBefore = Instant.parse("2026-09-30T23:59:59Z");
        Instant laterThatDay = Instant.parse("2026-10-01T09:00:00Z");

        PastEvaluation before = judge(qualification("before", justBefore));
        PastEvaluation exactly = judge(qualification("exactly", QUARTER));
        PastEvaluation after = judge(qualification("after", laterThatDay));

        assertThat(before.past().opportunity().field(DISCOVERY)).isEqualTo("2026-09-28");
        assertThat(before.evaluation().qualifiedStage().key()).isEqualTo("engagement");
        assertThat(exactly.evaluation().qualifiedStage().key()).isEqualTo("engagement");
        assertThat(after.past().opportunity().field(DISCOVERY)).isNull();
        assertThat(after.past().opportunity().fields()).doesNotContainKey(DISCOVERY);
        assertThat(after.evaluation().qualifiedStage().key()).isEqualTo("awareness");
        assertThat(after.restsOnUnknown()).isFalse();
    }

    @Test
    void aDealCreatedMidQuarterIsAbsentBeforeItsCreation() {
        Instant created = Instant.parse("2026-11-10T14:00:00Z");
        OpportunityPast past = new OpportunityPast(open("new", "Prospecting", Map.of()), created, null,
                List.of(Change.stage(created, null, "Prospecting")), Set.of(), null, null);

        assertThat(PastEvaluation.judge(EVALUATOR, past, QUARTER)).isEmpty();
        assertThat(PastEvaluation.judge(EVALUATOR, past, created.minusSeconds(1))).isEmpty();
        assertThat(PastEvaluation.judge(EVALUATOR, past, created)).isPresent();
        assertThat(PointInTime.asOf(past, Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC).orElseThrow().opportunity().stage())
                .isEqualTo("Prospecting");
    }

    @Test
    void aDeletedDealCountsUntilItsDeletion() {
        Instant movedOn = Instant.parse("2026-08-01T10:00:00Z");
        List<Change> changes = List.of(Change.stage(CREATED, null, "Prospecting"), Change.stage(movedOn, "Prospecting", "Value Proposition"));
        OpportunityPast deletedBefore = new OpportunityPast(open("gone", "Value Proposition", Map.of()), CREATED,
                Instant.parse("2026-09-15T00:00:00Z"), changes, Set.of(), null, null);
        OpportunityPast deletedAfter = new OpportunityPast(open("later", "Value Proposition", Map.of()), CREATED,
                Instant.parse("2026-10-20T00:00:00Z"), changes, Set.of(), null, null);

        assertThat(PastEvaluation.judge(EVALUATOR, deletedBefore, QUARTER)).isEmpty();
        Evaluation stillThere = PastEvaluation.judge(EVALUATOR, deletedAfter, QUARTER).orElseThrow().evaluation();
        assertThat(stillThere.recordedStage().crmStage()).isEqualTo("Value Proposition");
        assertThat(stillThere.recordedForecast()).isEqualByComparingTo("50000");
        assertThat(PastEvaluation.judge(EVALUATOR, deletedAfter, Instant.parse("2026-10-20T00:00:00Z"))).isEmpty();
        assertThatThrownBy(() -> new OpportunityPast(open("odd", "Prospecting", Map.of()), CREATED, CREATED.minusSeconds(60), List.of(), Set.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd").hasMessageContaining("before it was created");
    }

    @Test
    void aStageMovedBackIsRebuiltWithTheAmountAndCloseDateOfThatDay() {
        Instant pain = Instant.parse("2026-08-01T10:00:00Z");
        Instant back = Instant.parse("2026-09-15T16:30:00Z");
        Instant proposal = Instant.parse("2026-11-02T11:00:00Z");
        Instant cut = Instant.parse("2026-11-05T08:00:00Z");
        // Salesforce's OpportunityHistory holds snapshots: the stage changes carry no old value, which must not matter.
        List<Change> changes = List.of(
                Change.stage(CREATED, null, "Prospecting"),
                Change.amount(CREATED, null, 120000),
                Change.closeDate(CREATED, null, "2026-11-30"),
                Change.stage(pain, null, "Needs Analysis"),
                Change.stage(back, null, "Qualification"),
                Change.stage(proposal, null, "Proposal/Price Quote"),
                Change.amount(cut, new BigDecimal("120000"), new BigDecimal("100000")),
                Change.closeDate(cut, "2026-11-30", "2027-01-31"));
        Opportunity now = new Opportunity("back", null, "Proposal/Price Quote", new BigDecimal("100000"), "USD", LocalDate.parse("2027-01-31"),
                "005A", Map.of(), Map.of(), LocalDate.parse("2026-11-02"), List.of());

        PastEvaluation then = judge(new OpportunityPast(now, CREATED, null, changes, Set.of(), null, null));

        Opportunity rebuilt = then.past().opportunity();
        assertThat(rebuilt.stage()).isEqualTo("Qualification");
        assertThat(rebuilt.amount()).isEqualByComparingTo("120000");
        assertThat(rebuilt.closeDate()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(rebuilt.stageEnteredOn()).isEqualTo(LocalDate.parse("2026-09-15"));
        assertThat(rebuilt.history()).containsExactly(
                new StageChange("Prospecting", CREATED), new StageChange("Needs Analysis", pain), new StageChange("Qualification", back));
        assertThat(then.evaluation().status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(then.evaluation().recordedForecast()).isEqualByComparingTo("12000");
        assertThat(then.evaluation().daysInStage()).isEqualTo(16);
        assertThat(then.evaluation().transitions()).hasSize(2);
    }

    @Test
    void aDealWonAfterTheDayIsOpenOnThatDay() {
        Instant won = Instant.parse("2026-11-20T15:00:00Z");
        List<Change> changes = List.of(Change.stage(CREATED, null, "Negotiation/Review"), Change.stage(won, "Negotiation/Review", "Closed Won"));
        OpportunityPast past = new OpportunityPast(open("won", "Closed Won", Map.of()), CREATED, null, changes, Set.of(), null, null);

        assertThat(judge(past).evaluation().status()).isEqualTo(OpportunityStatus.OPEN);
        assertThat(judge(past).evaluation().recordedForecast()).isEqualByComparingTo("90000");
        assertThat(PastEvaluation.judge(EVALUATOR, past, won).orElseThrow().evaluation().status()).isEqualTo(OpportunityStatus.WON);
    }

    @Test
    void anUntrackedFieldIsUnknownThenNotTodaysValueAndTheFigureSaysItRestsOnIt() {
        Map<String, Object> today = new LinkedHashMap<>();
        today.put(DISCOVERY, "2026-07-05");
        today.put(STAKEHOLDERS, true);
        today.put(CO_CREATED, true);
        today.put(FIT, true);
        today.put(NEXT_STEP, "2026-12-10");
        today.put(BUDGET, false);
        List<Change> changes = List.of(
                Change.stage(CREATED, null, "Value Proposition"),
                Change.field(CREATED, DISCOVERY, null, "2026-07-05"),
                Change.field(CREATED, STAKEHOLDERS, null, true),
                Change.field(CREATED, CO_CREATED, null, true),
                Change.field(CREATED, NEXT_STEP, null, "2026-10-15"),
                Change.field(Instant.parse("2026-11-01T09:00:00Z"), NEXT_STEP, "2026-10-15", "2026-12-10"));
        // The demo criteria of Engagement read two dates that nobody tracks here either.
        Set<String> untracked = Set.of(FIT, "Demo_Date__c", "Technical_Meeting_Date__c");
        today.put("Demo_Date__c", "2026-07-20");
        OpportunityPast past = new OpportunityPast(open("untracked", "Value Proposition", today), CREATED, null, changes, untracked,
                Map.of(CONTACT_ROLES, List.of(CREATED, Instant.parse("2026-10-10T10:00:00Z"))), null);

        PastEvaluation then = judge(past);

        assertThat(then.past().unknownFields()).containsExactlyInAnyOrder(FIT, "Demo_Date__c", "Technical_Meeting_Date__c");
        assertThat(then.past().opportunity().fields()).doesNotContainKeys(FIT, "Demo_Date__c")
                .containsEntry(NEXT_STEP, "2026-10-15").containsEntry(STAKEHOLDERS, true);
        assertThat(then.past().opportunity().relatedCount(CONTACT_ROLES)).isEqualTo(1);
        assertThat(then.evaluation().qualifiedStage().key()).isEqualTo("engagement");
        assertThat(then.unknownRead()).containsExactlyInAnyOrder("Demo_Date__c", FIT, "Technical_Meeting_Date__c");
        assertThat(then.restsOnUnknown()).isTrue();
    }

    @Test
    void aRelationWithoutDatesIsUnknownAndSoIsEverythingBeforeTheKeptHistory() {
        Map<String, Integer> counts = Map.of(CONTACT_ROLES, 4);
        Opportunity now = new Opportunity("old", null, "Prospecting", new BigDecimal("100000"), "USD", LocalDate.parse("2026-12-31"), "005A",
                Map.of(DISCOVERY, "2026-07-05"), counts, null, List.of());
        OpportunityPast past = new OpportunityPast(now, Instant.parse("2024-01-10T00:00:00Z"), null, List.of(), Set.of(), null,
                Instant.parse("2024-12-01T00:00:00Z"));

        PastOpportunity recent = PointInTime.asOf(past, QUARTER, ZoneOffset.UTC).orElseThrow();
        PastOpportunity tooOld = PointInTime.asOf(past, Instant.parse("2024-10-01T00:00:00Z"), ZoneOffset.UTC).orElseThrow();

        assertThat(recent.unknownRelations()).containsExactly(CONTACT_ROLES);
        assertThat(recent.opportunity().relatedCounts()).isEmpty();
        assertThat(recent.beforeHistory()).isFalse();
        assertThat(recent.opportunity().field(DISCOVERY)).isEqualTo("2026-07-05");
        assertThat(tooOld.beforeHistory()).isTrue();
        assertThat(tooOld.unknownFields()).containsExactly(DISCOVERY);
    }

    @Test
    void anUnreadableRecordedAmountSaysWhichOpportunity() {
        OpportunityPast past = new OpportunityPast(open("bad", "Prospecting", Map.of()), CREATED, null,
                List.of(Change.amount(CREATED, null, "12k")), Set.of(), null, null);

        assertThatThrownBy(() -> PointInTime.asOf(past, QUARTER, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opportunity bad").hasMessageContaining("amount");
    }

    /** A deal in Qualification since August whose discovery date was entered at {@code entered}. */
    private static OpportunityPast qualification(String id, Instant entered) {
        List<Change> changes = new ArrayList<>(List.of(
                Change.stage(CREATED, null, "Prospecting"),
                Change.stage(Instant.parse("2026-08-03T10:00:00Z"), "Prospecting", "Qualification"),
                Change.field(entered, DISCOVERY, null, "2026-09-28")));
        return new OpportunityPast(open(id, "Qualification", Map.of(DISCOVERY, "2026-09-28")), CREATED, null, changes, Set.of(), null, null);
    }

    private static Opportunity open(String id, String stage, Map<String, Object> fields) {
        return new Opportunity(id, null, stage, new BigDecimal("100000"), "USD", LocalDate.parse("2026-12-15"), "005A", fields, Map.of(), null, List.of());
    }

    private static PastEvaluation judge(OpportunityPast past) {
        return PastEvaluation.judge(EVALUATOR, past, QUARTER).orElseThrow();
    }
}

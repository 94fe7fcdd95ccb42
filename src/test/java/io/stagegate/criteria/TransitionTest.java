package io.stagegate.criteria;

import static io.stagegate.criteria.Opps.opp;
import static io.stagegate.criteria.TestPlaybooks.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stage jumps: skipped criteria vs skipped stages, regressions, wins, losses, reopenings, unmapped values, history. */
class TransitionTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private final Evaluator evaluator = salesforceEvaluator();

    private static List<String> keys(StageTransition move) {
        return move.unmetCriteria().stream().map(CriterionVerdict::key).collect(Collectors.toList());
    }

    // --- advances -----------------------------------------------------------------------------------------------

    @Test
    void jumpOverAStageWithUnmetCriteriaSkipsCriteriaAndStages() {
        Opportunity o = opp("006T").stage(VALUE_PROPOSITION).meeting(I_AWARENESS).build();

        StageTransition move = evaluator.transition(o, QUALIFICATION, VALUE_PROPOSITION, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.ADVANCE);
        assertThat(move.isForward()).isTrue();
        assertThat(move.skippedCriteria()).isTrue();
        assertThat(move.skippedStagesFlag()).isTrue();
        assertThat(move.skippedStages()).containsExactly(PAIN);
        assertThat(keys(move)).containsExactly(C_DEMO, C_TECH, C_CAST, C_CO_CREATED, C_FIT, C_PAIN_NEXT_STEP);
        assertThat(move.unmetCriteria()).extracting(CriterionVerdict::stageIndex).containsExactly(1, 1, 2, 2, 2, 2);
        assertThat(move.unmetCriteria()).extracting(CriterionVerdict::met).containsOnly(false);
        assertThat(move.fromStage()).isEqualTo(QUALIFICATION);
        assertThat(move.toStage()).isEqualTo(VALUE_PROPOSITION);
        assertThat(move.at()).isEqualTo(AT);
    }

    @Test
    void nextStageWithAllCriteriaMetSkipsNothing() {
        Opportunity o = opp("006T").stage(QUALIFICATION).meeting(I_AWARENESS).build();

        StageTransition move = evaluator.transition(o, PROSPECTING, QUALIFICATION, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.ADVANCE);
        assertThat(move.skippedCriteria()).isFalse();
        assertThat(move.skippedStagesFlag()).isFalse();
        assertThat(move.unmetCriteria()).isEmpty();
        assertThat(move.skippedStages()).isEmpty();
    }

    @Test
    void nextStageWithUnmetCriteriaSkipsCriteriaButNoStage() {
        Opportunity o = opp("006T").stage(QUALIFICATION).build();

        StageTransition move = evaluator.transition(o, PROSPECTING, QUALIFICATION, AT);

        assertThat(keys(move)).containsExactly(C_DISCOVERY);
        assertThat(move.unmetCriteria().get(0).observed()).isEqualTo("Discovery_Meeting_Date__c=empty");
        assertThat(move.skippedStagesFlag()).isFalse();
    }

    @Test
    void jumpOverStagesWithEveryCriterionMetSkipsStagesOnly() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).meetingAllBefore(I_PAIN).build();

        StageTransition move = evaluator.transition(o, PROSPECTING, NEEDS_ANALYSIS, AT);

        assertThat(move.skippedStages()).containsExactly(ENGAGEMENT);
        assertThat(move.skippedCriteria()).isFalse();
    }

    @Test
    void criteriaOfTheTargetStageAreNotJudged() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).meetingAllBefore(I_PAIN).build();

        StageTransition move = evaluator.transition(o, QUALIFICATION, NEEDS_ANALYSIS, AT);

        assertThat(move.unmetCriteria()).isEmpty();
    }

    // --- other kinds --------------------------------------------------------------------------------------------

    @Test
    void backwardMoveIsARegression() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).build();

        StageTransition move = evaluator.transition(o, NEGOTIATION, NEEDS_ANALYSIS, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.REGRESSION);
        assertThat(move.isRegression()).isTrue();
        assertThat(move.isForward()).isFalse();
        assertThat(move.unmetCriteria()).isEmpty();
        assertThat(move.skippedStages()).isEmpty();
    }

    @Test
    void moveBetweenTwoCrmStagesOfOneJourneyStageIsWithinStage() {
        Opportunity o = opp("006T").stage(ID_DECISION_MAKERS).build();

        StageTransition forward = evaluator.transition(o, VALUE_PROPOSITION, ID_DECISION_MAKERS, AT);
        StageTransition back = evaluator.transition(o, ID_DECISION_MAKERS, VALUE_PROPOSITION, AT);

        assertThat(forward.kind()).isEqualTo(StageTransition.Kind.WITHIN_STAGE);
        assertThat(back.kind()).isEqualTo(StageTransition.Kind.WITHIN_STAGE);
        assertThat(forward.isForward()).isFalse();
        assertThat(forward.skippedCriteria()).isFalse();
    }

    @Test
    void winFromDecisionWithUnmetDecisionCriteriaSkipsThem() {
        Opportunity o = opp("006T").stage(CLOSED_WON).meetingAllBefore(I_DECISION).build();

        StageTransition move = evaluator.transition(o, NEGOTIATION, CLOSED_WON, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.WON);
        assertThat(move.isForward()).isTrue();
        assertThat(keys(move)).containsExactly(C_VERBAL, C_CONTRACT);
        assertThat(move.unmetCriteria()).extracting(CriterionVerdict::stageIndex).containsOnly(I_DECISION);
        assertThat(move.skippedStages()).isEmpty();
    }

    @Test
    void winFromDecisionWithEveryCriterionMetSkipsNothing() {
        Opportunity o = opp("006T").stage(CLOSED_WON).meetingAll().build();

        StageTransition move = evaluator.transition(o, NEGOTIATION, CLOSED_WON, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.WON);
        assertThat(move.skippedCriteria()).isFalse();
    }

    @Test
    void winFromAnEarlyStageSkipsTheStagesInBetween() {
        Opportunity o = opp("006T").stage(CLOSED_WON).meetingAll().build();

        StageTransition move = evaluator.transition(o, NEEDS_ANALYSIS, CLOSED_WON, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.WON);
        assertThat(move.skippedStages()).containsExactly(INVESTMENT, DECISION_PROCESS, DECISION);
        assertThat(move.skippedCriteria()).isFalse();
    }

    @Test
    void lossIsLostAndJudgesNoCriteria() {
        Opportunity o = opp("006T").stage(CLOSED_LOST).build();

        StageTransition move = evaluator.transition(o, PROPOSAL, CLOSED_LOST, AT);

        assertThat(move.kind()).isEqualTo(StageTransition.Kind.LOST);
        assertThat(move.isForward()).isFalse();
        assertThat(move.unmetCriteria()).isEmpty();
        assertThat(move.skippedStages()).isEmpty();
    }

    @Test
    void moveOutOfAClosedStageIsReopened() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).build();

        assertThat(evaluator.transition(o, CLOSED_LOST, NEEDS_ANALYSIS, AT).kind()).isEqualTo(StageTransition.Kind.REOPENED);
        assertThat(evaluator.transition(o, CLOSED_WON, NEGOTIATION, AT).kind()).isEqualTo(StageTransition.Kind.REOPENED);
        assertThat(evaluator.transition(o, CLOSED_LOST, NEEDS_ANALYSIS, AT).isForward()).isFalse();
    }

    @Test
    void moveFromOrToARetiredStageValueIsUnmapped() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).build();

        StageTransition from = evaluator.transition(o, "Legacy Discovery", NEEDS_ANALYSIS, AT);
        StageTransition to = evaluator.transition(o, NEEDS_ANALYSIS, "Legacy Discovery", AT);

        assertThat(from.kind()).isEqualTo(StageTransition.Kind.UNMAPPED);
        assertThat(to.kind()).isEqualTo(StageTransition.Kind.UNMAPPED);
        assertThat(from.isForward()).isFalse();
        assertThat(from.unmetCriteria()).isEmpty();
    }

    // --- the day of the move ------------------------------------------------------------------------------------

    @Test
    void dateCriteriaOfAMoveAreJudgedOnTheDayOfTheMove() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).meeting(I_AWARENESS, I_ENGAGEMENT).field(NEXT_STEP_DATE, "2026-11-10").build();

        StageTransition onTime = evaluator.transition(o, QUALIFICATION, NEEDS_ANALYSIS, Instant.parse("2026-11-10T15:00:00Z"));
        StageTransition late = evaluator.transition(o, QUALIFICATION, NEEDS_ANALYSIS, Instant.parse("2026-11-11T09:00:00Z"));

        assertThat(onTime.skippedCriteria()).isFalse();
        assertThat(late.skippedCriteria()).isTrue();
        assertThat(keys(late)).containsExactly(C_DEMO);
        assertThat(late.unmetCriteria().get(0).observed()).isEqualTo("Demo_Date__c=2026-10-15, Next_Step_Date__c=2026-11-10");
    }

    @Test
    void dayOfTheMoveIsTakenInTheClocksZone() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).meeting(I_AWARENESS, I_ENGAGEMENT).field(NEXT_STEP_DATE, "2026-11-10").build();
        Instant eveningInCalifornia = Instant.parse("2026-11-11T03:00:00Z");
        Evaluator pacific = new Evaluator(salesforce(), Clock.fixed(NOW, ZoneId.of("America/Los_Angeles")));

        assertThat(pacific.transition(o, QUALIFICATION, NEEDS_ANALYSIS, eveningInCalifornia).skippedCriteria()).isFalse();
        assertThat(evaluator.transition(o, QUALIFICATION, NEEDS_ANALYSIS, eveningInCalifornia).skippedCriteria()).isTrue();
    }

    @Test
    void moveWithoutATimeIsJudgedToday() {
        Opportunity o = opp("006T").stage(NEEDS_ANALYSIS).meeting(I_AWARENESS, I_ENGAGEMENT).field(NEXT_STEP_DATE, "2026-11-25").build();

        assertThat(evaluator.transition(o, QUALIFICATION, NEEDS_ANALYSIS, null).skippedCriteria()).isTrue();
        assertThat(evaluator.transition(o, QUALIFICATION, NEEDS_ANALYSIS, Instant.parse("2026-11-25T09:00:00Z")).skippedCriteria()).isFalse();
    }

    // --- history ------------------------------------------------------------------------------------------------

    @Test
    void unsortedHistoryIsSortedByTime() {
        Opportunity o = opp("006H").stage(NEEDS_ANALYSIS).meetingAllBefore(I_PAIN)
                .history(NEEDS_ANALYSIS, "2026-11-10T09:00:00Z")
                .history(PROSPECTING, "2026-11-01T09:00:00Z")
                .history(QUALIFICATION, "2026-11-05T09:00:00Z")
                .build();

        List<StageTransition> moves = evaluator.evaluate(o).transitions();

        assertThat(moves).extracting(StageTransition::fromStage).containsExactly(PROSPECTING, QUALIFICATION);
        assertThat(moves).extracting(StageTransition::toStage).containsExactly(QUALIFICATION, NEEDS_ANALYSIS);
        assertThat(moves).extracting(StageTransition::at)
                .containsExactly(Instant.parse("2026-11-05T09:00:00Z"), Instant.parse("2026-11-10T09:00:00Z"));
        assertThat(moves).extracting(StageTransition::kind).containsOnly(StageTransition.Kind.ADVANCE);
    }

    @Test
    void repeatedStageInHistoryIsNoMove() {
        Opportunity o = opp("006H").stage(QUALIFICATION)
                .history(PROSPECTING, "2026-11-01T09:00:00Z")
                .history(PROSPECTING, "2026-11-02T09:00:00Z")
                .history(QUALIFICATION, "2026-11-05T09:00:00Z")
                .build();

        assertThat(evaluator.evaluate(o).transitions()).hasSize(1);
    }

    @Test
    void singleHistoryEntryHasNoMoves() {
        Opportunity o = opp("006H").stage(PROSPECTING).history(PROSPECTING, "2026-11-01T09:00:00Z").build();

        Evaluation e = evaluator.evaluate(o);

        assertThat(e.transitions()).isEmpty();
        assertThat(e.latestForwardMove()).isEmpty();
        assertThat(e.stageSkip()).isFalse();
    }

    @Test
    void historyMovesAreJudgedOnTheirOwnDays() {
        Opportunity o = opp("006H").stage(NEEDS_ANALYSIS).meeting(I_AWARENESS, I_ENGAGEMENT).field(NEXT_STEP_DATE, "2026-11-10")
                .history(QUALIFICATION, "2026-11-01T09:00:00Z")
                .history(NEEDS_ANALYSIS, "2026-11-09T09:00:00Z")
                .build();

        Evaluation e = evaluator.evaluate(o);

        assertThat(e.stageSkip()).isFalse();
        assertThat(e.overStaged()).isTrue();
    }

    // --- stage skip flag ----------------------------------------------------------------------------------------

    @Test
    void stageSkipIsSetWhenTheLatestForwardMoveSkippedCriteria() {
        Opportunity o = opp("006K").stage(NEGOTIATION).meeting(I_AWARENESS)
                .history(PROSPECTING, "2026-11-01T09:00:00Z")
                .history(QUALIFICATION, "2026-11-03T09:00:00Z")
                .history(NEGOTIATION, "2026-11-10T09:00:00Z")
                .build();

        Evaluation e = evaluator.evaluate(o);

        assertThat(e.transitions()).extracting(StageTransition::skippedCriteria).containsExactly(false, true);
        assertThat(e.latestForwardMove()).get().extracting(StageTransition::toStage).isEqualTo(NEGOTIATION);
        assertThat(e.stageSkip()).isTrue();
    }

    @Test
    void stageSkipIsClearedByALaterCleanForwardMove() {
        Opportunity o = opp("006K").stage(QUALIFICATION).meeting(I_AWARENESS)
                .history(PROSPECTING, "2026-11-01T09:00:00Z")
                .history(PERCEPTION_ANALYSIS, "2026-11-03T09:00:00Z")
                .history(PROSPECTING, "2026-11-05T09:00:00Z")
                .history(QUALIFICATION, "2026-11-07T09:00:00Z")
                .build();

        Evaluation e = evaluator.evaluate(o);

        assertThat(e.transitions()).extracting(StageTransition::kind).containsExactly(
                StageTransition.Kind.ADVANCE, StageTransition.Kind.REGRESSION, StageTransition.Kind.ADVANCE);
        assertThat(e.transitions().get(0).skippedCriteria()).isTrue();
        assertThat(e.stageSkip()).isFalse();
    }

    @Test
    void regressionAfterASkippingMoveKeepsTheStageSkip() {
        Opportunity o = opp("006K").stage(NEEDS_ANALYSIS).meeting(I_AWARENESS, I_ENGAGEMENT)
                .history(PROSPECTING, "2026-11-01T09:00:00Z")
                .history(NEGOTIATION, "2026-11-05T09:00:00Z")
                .history(NEEDS_ANALYSIS, "2026-11-10T09:00:00Z")
                .build();

        Evaluation e = evaluator.evaluate(o);

        assertThat(e.transitions()).extracting(StageTransition::kind)
                .containsExactly(StageTransition.Kind.ADVANCE, StageTransition.Kind.REGRESSION);
        assertThat(e.latestForwardMove()).get().extracting(StageTransition::toStage).isEqualTo(NEGOTIATION);
        assertThat(e.stageSkip()).isTrue();
    }

    @Test
    void closedDealsCarryTheirHistoryToo() {
        Opportunity o = opp("006K").stage(CLOSED_WON).meetingAllBefore(I_DECISION)
                .history(NEGOTIATION, "2026-11-01T09:00:00Z")
                .history(CLOSED_WON, "2026-11-20T09:00:00Z")
                .build();

        Evaluation e = evaluator.evaluate(o);

        assertThat(e.transitions()).extracting(StageTransition::kind).containsExactly(StageTransition.Kind.WON);
        assertThat(e.stageSkip()).isTrue();
    }
}

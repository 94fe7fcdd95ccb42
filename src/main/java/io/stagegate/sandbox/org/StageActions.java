package io.stagegate.sandbox.org;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.StageTransition;
import io.stagegate.sandbox.org.DealChange.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * The actions that move a deal's stage: advance (skipping no criteria), advance skipping criteria or stages, regress,
 * close won or lost. An action not possible for the deal gives {@code null}.
 */
final class StageActions {
    private final Evaluator evaluator;

    StageActions(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    DealChange advance(DealTurn turn) {
        List<CrmStage> crmStages = turn.model.crmStages(turn.stage);
        int index = indexOf(crmStages, turn.deal.stage());
        String within = index < crmStages.size() - 1
                ? crmStages.get(index + 1 + turn.random.nextInt(crmStages.size() - index - 1)).value()
                : null;
        String forward = null;
        int next = turn.model.nextRecordable(turn.stage);
        if (next >= 0) {
            String target = turn.model.crmStages(next).get(0).value();
            if (!evaluator.transition(turn.opportunity, turn.deal.stage(), target, turn.at).skippedCriteria()) {
                forward = target;
            }
        }
        if (within == null && forward == null) {
            return null;
        }
        String target = within == null ? forward : forward == null ? within : turn.random.nextDouble() < 0.4 ? within : forward;
        return turn.change(Action.ADVANCE, target, null, null, null, null);
    }

    DealChange advanceSkipping(DealTurn turn) {
        List<String> targets = new ArrayList<>();
        for (int stage : turn.model.recordable) {
            if (stage > turn.stage) {
                List<CrmStage> crmStages = turn.model.crmStages(stage);
                String target = crmStages.get(turn.random.nextInt(crmStages.size())).value();
                StageTransition move = evaluator.transition(turn.opportunity, turn.deal.stage(), target, turn.at);
                if (move.skippedCriteria() || move.skippedStagesFlag()) {
                    targets.add(target);
                }
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        return turn.change(Action.ADVANCE_SKIPPING, targets.get(turn.random.nextInt(targets.size())), null, null, null, null);
    }

    DealChange regress(DealTurn turn) {
        int previous = turn.model.previousRecordable(turn.stage);
        if (previous < 0) {
            return null;
        }
        List<CrmStage> crmStages = turn.model.crmStages(previous);
        return turn.change(Action.REGRESS, crmStages.get(turn.random.nextInt(crmStages.size())).value(), null, null, null, null);
    }

    DealChange close(DealTurn turn, boolean won) {
        String value = turn.model.closedValue(won);
        if (value == null) {
            return null;
        }
        if (won && turn.stage < turn.model.previousRecordable(turn.model.lastRecordable())) {
            return null;
        }
        return turn.change(won ? Action.CLOSE_WON : Action.CLOSE_LOST, value, null, null, null, turn.today);
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

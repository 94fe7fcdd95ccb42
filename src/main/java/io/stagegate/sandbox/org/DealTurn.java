package io.stagegate.sandbox.org;

import io.stagegate.criteria.CriterionVerdict;
import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Opportunity;
import io.stagegate.sandbox.org.DealChange.Action;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One deal at one instant, evaluated: what a rep's action is computed from. */
final class DealTurn {
    final DealState deal;
    final PipelineModel model;
    final int stage;
    final LocalDate today;
    final Instant at;
    final Opportunity opportunity;
    final Evaluation evaluation;
    final SplittableRandom random;
    private final ZoneId zone;
    private final Evaluator evaluator;

    /** @param zone the zone in which "today" is judged */
    DealTurn(DealState deal, PipelineModel model, int stage, Instant now, SplittableRandom random, ZoneId zone, Evaluator evaluator) {
        this.zone = zone;
        this.evaluator = evaluator;
        this.deal = deal;
        this.model = model;
        this.stage = stage;
        this.today = LocalDate.ofInstant(now, zone);
        Instant last = deal.lastStageChange();
        this.at = last != null && !now.isAfter(last) ? last.plusSeconds(1) : now;
        this.opportunity = opportunity(model, deal, deal.fields(), deal.related(), zone);
        this.evaluation = evaluator.evaluate(opportunity, today);
        this.random = random;
    }

    /** The engine's view of a deal with these fields and related counts. */
    static Opportunity opportunity(PipelineModel model, DealState deal, Map<String, Object> fields, Map<String, Integer> related, ZoneId zone) {
        return model.opportunity(deal.seq(), deal.stage(), deal.amount(), deal.currency(), deal.closeDate(), deal.owner(),
                fields, related, deal.history(), zone);
    }

    DealChange change(Action action, String stage, Map<String, Object> fields, Map<String, Integer> related, BigDecimal amount,
            LocalDate closeDate) {
        return new DealChange(deal.seq(), at, action, stage, fields, related, amount, closeDate);
    }

    /** The deal with these fields and related counts on top of its own. */
    Opportunity overlay(Map<String, Object> fields, Map<String, Integer> related) {
        Map<String, Object> allFields = deal.fields();
        if (!fields.isEmpty()) {
            allFields = new HashMap<>(allFields);
            allFields.putAll(fields);
        }
        Map<String, Integer> allRelated = deal.related();
        if (!related.isEmpty()) {
            allRelated = new HashMap<>(allRelated);
            allRelated.putAll(related);
        }
        return opportunity(model, deal, allFields, allRelated, zone);
    }

    /** No criterion met before is unmet after. */
    boolean keepsMet(Opportunity after) {
        List<CriterionVerdict> before = evaluation.verdicts();
        List<CriterionVerdict> now = evaluator.evaluate(after, today).verdicts();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).met() && !now.get(i).met()) {
                return false;
            }
        }
        return true;
    }
}

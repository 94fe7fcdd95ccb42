package io.stagegate.sandbox.org;

import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deal as it stands now, CRM-neutral and immutable: a {@link SyntheticDeal} after the {@link DealChange}s applied to
 * it. {@code pipeline} is the playbook pipeline key, {@code stage} a CRM stage value of it; {@code history} is oldest
 * first and ends at {@code stage}.
 */
public record DealState(
        int seq,
        Rep owner,
        String pipeline,
        String stage,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        Map<String, Object> fields,
        Map<String, Integer> related,
        List<StageChange> history) {

    public DealState {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        fields = Map.copyOf(fields);
        related = Map.copyOf(related);
        history = List.copyOf(history);
    }

    public static DealState of(SyntheticDeal deal) {
        return new DealState(deal.seq(), deal.owner(), deal.pipeline(), deal.stage(), deal.amount(), deal.currency(),
                deal.closeDate(), deal.fields(), deal.related(), deal.history());
    }

    /**
     * The generated deal as it stood at {@code at} (its stage moves and {@link SyntheticDeal#past() other changes}
     * up to and including that instant), or {@code null} when it did not exist yet. Related counts are today's: the
     * generator keeps no history of them.
     */
    public static DealState asOf(SyntheticDeal deal, Instant at) {
        if (deal.createdAt() != null && deal.createdAt().isAfter(at)) {
            return null;
        }
        List<StageChange> moves = new ArrayList<>();
        for (StageChange move : deal.history()) {
            if (!move.at().isAfter(at)) {
                moves.add(move);
            }
        }
        String stage = moves.isEmpty() ? deal.stage() : moves.get(moves.size() - 1).stage();
        BigDecimal amount = deal.amount();
        LocalDate closeDate = deal.closeDate();
        Map<String, Object> fields = new HashMap<>(deal.fields());
        List<PastChange> past = deal.past();
        for (int i = past.size() - 1; i >= 0 && past.get(i).at().isAfter(at); i--) {
            PastChange change = past.get(i);
            switch (change.kind()) {
                case AMOUNT -> amount = (BigDecimal) change.oldValue();
                case CLOSE_DATE -> closeDate = (LocalDate) change.oldValue();
                default -> {
                    if (change.oldValue() == null) {
                        fields.remove(change.field());
                    } else {
                        fields.put(change.field(), change.oldValue());
                    }
                }
            }
        }
        return new DealState(deal.seq(), deal.owner(), deal.pipeline(), stage, amount, deal.currency(), closeDate, fields, deal.related(), moves);
    }

    /** The state after {@code change}. */
    public DealState apply(DealChange change) {
        if (change.seq() != seq) {
            throw new IllegalArgumentException("change of deal " + change.seq() + " applied to deal " + seq);
        }
        Map<String, Object> newFields = fields;
        if (!change.fields().isEmpty()) {
            newFields = new HashMap<>(fields);
            newFields.putAll(change.fields());
        }
        Map<String, Integer> newRelated = related;
        if (!change.related().isEmpty()) {
            newRelated = new HashMap<>(related);
            newRelated.putAll(change.related());
        }
        String newStage = stage;
        List<StageChange> newHistory = history;
        if (change.changesStage()) {
            newStage = change.stage();
            newHistory = new ArrayList<>(history.size() + 1);
            newHistory.addAll(history);
            newHistory.add(new StageChange(change.stage(), change.at()));
        }
        return new DealState(seq, owner, pipeline, newStage,
                change.amount() != null ? change.amount() : amount, currency,
                change.closeDate() != null ? change.closeDate() : closeDate,
                newFields, newRelated, newHistory);
    }

    /** When the stage last changed (or the deal was created), or null without history. */
    public Instant lastStageChange() {
        return history.isEmpty() ? null : history.get(history.size() - 1).at();
    }
}

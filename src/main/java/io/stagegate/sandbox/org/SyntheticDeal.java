package io.stagegate.sandbox.org;

import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated opportunity, CRM-neutral but already in the playbook's CRM vocabulary: {@code stage} is a CRM stage
 * value of {@code pipeline}, {@code fields} are keyed by the playbook's field API names (typed Java values:
 * Boolean, BigDecimal, LocalDate, String), {@code related} by its relation names.
 *
 * @param seq a stable sequence number from 0; sandboxes derive their ids from it
 * @param pipeline the playbook pipeline key the deal belongs to
 * @param history stage changes oldest first; the last one is the current stage
 * @param overStagedByDesign whether the generator meant this deal to be recorded beyond its qualified stage; for a
 *     closed deal, whether it was so at its last open stage on its close date (the engine never calls a closed deal
 *     over-staged, but its history and outcome carry the signal: over-staged deals lose more often)
 * @param past the deal's other changes before today, oldest first: criteria fields filled in, amounts revised, close
 *     dates pushed ({@link PastChange}); each field's last change leaves the value in {@code fields}, the amount's and
 *     close date's leave {@code amount} and {@code closeDate}
 */
public record SyntheticDeal(
        int seq,
        String name,
        Rep owner,
        String pipeline,
        String stage,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        Instant createdAt,
        Map<String, Object> fields,
        Map<String, Integer> related,
        List<StageChange> history,
        boolean overStagedByDesign,
        List<PastChange> past) {

    public SyntheticDeal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(stage, "stage");
        fields = Map.copyOf(fields);
        related = Map.copyOf(related);
        history = List.copyOf(history);
        past = List.copyOf(past);
    }

    /** A deal without recorded changes besides its stage moves (hand-built deals of tests and fixtures). */
    public SyntheticDeal(int seq, String name, Rep owner, String pipeline, String stage, BigDecimal amount, String currency, LocalDate closeDate,
            Instant createdAt, Map<String, Object> fields, Map<String, Integer> related, List<StageChange> history, boolean overStagedByDesign) {
        this(seq, name, owner, pipeline, stage, amount, currency, closeDate, createdAt, fields, related, history, overStagedByDesign, List.of());
    }

    /** When the deal last changed: its last stage move or its last other change, whichever is later ({@code createdAt} without either). */
    public Instant lastChange() {
        Instant last = history.isEmpty() ? createdAt : history.get(history.size() - 1).at();
        if (!past.isEmpty() && (last == null || past.get(past.size() - 1).at().isAfter(last))) {
            last = past.get(past.size() - 1).at();
        }
        return last;
    }
}

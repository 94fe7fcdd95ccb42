package io.stagegate.backtest;

import io.stagegate.criteria.Opportunity;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An opportunity rebuilt as it stood at {@code at}, with what the rebuild could not know.
 *
 * @param unknownFields fields whose value at {@code at} is unknown (untracked, or before the kept history); they are
 *     absent from {@code opportunity.fields()}, never filled with today's value
 * @param unknownRelations related-record relations whose count at {@code at} is unknown; absent from its counts
 * @param beforeHistory {@code at} lies before the oldest change the CRM still keeps and the opportunity is older than
 *     that: stage, amount and close date are today's best guess, not a reconstruction
 */
public record PastOpportunity(Opportunity opportunity, Instant at, Set<String> unknownFields, Set<String> unknownRelations,
                              boolean beforeHistory) {
    public PastOpportunity {
        Objects.requireNonNull(opportunity, "opportunity");
        Objects.requireNonNull(at, "at");
        unknownFields = Set.copyOf(unknownFields);
        unknownRelations = Set.copyOf(unknownRelations);
    }
}

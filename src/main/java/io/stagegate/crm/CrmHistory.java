package io.stagegate.crm;

import io.stagegate.backtest.OpportunityPast;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a CRM remembers of its opportunities' past since a given instant, in CRM-neutral terms: every opportunity that
 * existed at or after it (deleted ones included while the CRM still returns them) with its recorded changes.
 *
 * @param untrackedFields the playbook's criteria fields whose changes the CRM does not record: their past is unknown
 * @param historyFrom the oldest moment the CRM still keeps changes from ({@code null}: all of them)
 * @param calls the API calls the read cost
 */
public record CrmHistory(Instant since, List<OpportunityPast> opportunities, Set<String> untrackedFields, Instant historyFrom, int calls) {
    public CrmHistory {
        Objects.requireNonNull(since, "since");
        opportunities = List.copyOf(opportunities);
        untrackedFields = Set.copyOf(untrackedFields);
    }
}

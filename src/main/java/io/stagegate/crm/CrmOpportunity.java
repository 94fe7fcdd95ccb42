package io.stagegate.crm;

import io.stagegate.criteria.Opportunity;
import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An opportunity as a connector read it, in CRM-neutral form. {@code fields} holds the criteria fields AND the
 * current values of Stagegate's own output fields (so the sync engine writes only what differs), keyed by API name,
 * typed (Boolean, BigDecimal, LocalDate, Instant, String).
 *
 * @param modifiedAt the CRM's modification stamp (Salesforce SystemModstamp, HubSpot hs_lastmodifieddate): the cursor
 * @param deleted the record was deleted (Salesforce IsDeleted via queryAll, HubSpot archived)
 * @param history stage changes, oldest first, when the connector read them (empty otherwise)
 */
public record CrmOpportunity(
        String id,
        String pipeline,
        String stage,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        String owner,
        LocalDate stageEnteredOn,
        Instant modifiedAt,
        boolean deleted,
        Map<String, Object> fields,
        Map<String, Integer> related,
        List<StageChange> history) {

    public CrmOpportunity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        related = related == null ? Map.of() : Map.copyOf(related);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The engine's view of this record. */
    public Opportunity toOpportunity() {
        return new Opportunity(id, pipeline, stage == null ? "" : stage, amount, currency, closeDate, owner, fields, related, stageEnteredOn, history);
    }
}

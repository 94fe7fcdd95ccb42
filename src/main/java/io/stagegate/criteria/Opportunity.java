package io.stagegate.criteria;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CRM-neutral opportunity (Salesforce {@code Opportunity}, HubSpot {@code deal}) as the engine sees it.
 *
 * <p>{@code fields} holds the CRM field values the playbook's criteria read, keyed by API name. Values may be typed
 * ({@link Boolean}, {@link BigDecimal} or another {@link Number}, {@link LocalDate}, {@link java.time.Instant}) or raw
 * strings as the CRM or a CSV export sends them; rules interpret both. {@code relatedCounts} holds counts of related
 * records (contact roles, associated contacts) by relation name.
 *
 * @param pipeline the Salesforce record type or HubSpot pipeline; {@code null} selects the playbook's default pipeline
 * @param stageEnteredOn when the opportunity entered its current CRM stage, if known (for stall detection)
 * @param history stage changes oldest first, if known (for stage-jump detection)
 */
public record Opportunity(
        String id,
        String pipeline,
        String stage,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        String owner,
        Map<String, Object> fields,
        Map<String, Integer> relatedCounts,
        LocalDate stageEnteredOn,
        List<StageChange> history) {

    public Opportunity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stage, "stage");
        fields = fields == null ? Map.of() : fields;
        relatedCounts = relatedCounts == null ? Map.of() : relatedCounts;
        history = history == null ? List.of() : history;
    }

    public Object field(String name) {
        return fields.get(name);
    }

    public Integer relatedCount(String relation) {
        return relatedCounts.get(relation);
    }
}

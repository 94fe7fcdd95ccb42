package io.stagegate.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Opportunity;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of every synced opportunity as last read from the CRM ({@code opportunity_state}), turned back into the
 * engine's {@link Opportunity}, a page at a time in id order: what a playbook preview evaluates instead of calling the
 * CRM.
 */
@ApplicationScoped
public class StoredInputs {
    private final SyncStore store;

    public StoredInputs(SyncStore store) {
        this.store = store;
    }

    /**
     * One stored opportunity: the engine's view of it, and the pipeline the stored evaluation chose ({@code storedPipeline},
     * a playbook pipeline key when it was evaluated), for rows stored before the CRM's own pipeline was kept.
     */
    public record Stored(Opportunity opportunity, boolean crmPipelineKnown, String storedPipeline) {
    }

    /** Up to {@code limit} opportunities of {@code crm} that are not deleted, with ids after {@code afterId}, in id order. */
    public Uni<List<Stored>> page(Crm crm, String afterId, int limit) {
        return store.pool().preparedQuery("SELECT opportunity_id, pipeline, stage, owner, currency, amount, close_date, inputs::text AS inputs "
                + "FROM opportunity_state WHERE crm = $1 AND status <> 'DELETED' AND opportunity_id > $2 ORDER BY opportunity_id LIMIT $3")
                .execute(Tuple.of(crm.name(), afterId, limit))
                .map(rows -> {
                    List<Stored> page = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        page.add(stored(row));
                    }
                    return page;
                });
    }

    private static Stored stored(Row row) {
        JsonNode inputs = json(row.getString("inputs"));
        Map<String, Object> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> values = inputs.path("fields").fields();
        while (values.hasNext()) {
            Map.Entry<String, JsonNode> field = values.next();
            fields.put(field.getKey(), value(field.getValue()));
        }
        Map<String, Integer> related = new LinkedHashMap<>();
        inputs.path("related").fields().forEachRemaining(entry -> related.put(entry.getKey(), entry.getValue().intValue()));
        boolean pipelineKnown = inputs.has("crmPipeline");
        String pipeline = pipelineKnown ? text(inputs.get("crmPipeline")) : row.getString("pipeline");
        String currency = inputs.has("crmCurrency") ? text(inputs.get("crmCurrency")) : row.getString("currency");
        String entered = text(inputs.get("stageEnteredOn"));
        String stage = row.getString("stage");
        Opportunity opportunity = new Opportunity(row.getString("opportunity_id"), pipeline, stage == null ? "" : stage,
                row.getBigDecimal("amount"), currency, row.getLocalDate("close_date"), row.getString("owner"), fields, related,
                entered == null ? null : LocalDate.parse(entered), List.of());
        return new Stored(opportunity, pipelineKnown, row.getString("pipeline"));
    }

    private static JsonNode json(String text) {
        try {
            return OutputValues.JSON.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new IllegalStateException("opportunity_state.inputs is not JSON: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}

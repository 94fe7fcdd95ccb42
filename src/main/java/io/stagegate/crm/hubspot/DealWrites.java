package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.WriteOutcome;
import io.stagegate.playbook.CrmNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Batch updates (hubspot.md §3): at most 100 deals per call, every value as a string. HubSpot answers 200 when all
 * succeeded and 207 with one error per failed input (matched by {@code context.ids}); an invalid value fails the whole
 * call with a 400, so such a batch is halved until the offending deal stands alone and only it is rejected.
 */
final class DealWrites {
    static final int MAX_RECORDS = 100;
    /** Per-record categories worth another try later; every other failure is dead-lettered with HubSpot's message. */
    private static final Set<String> RETRY_CATEGORIES = Set.of("RATE_LIMITS", "LOCKED", "INTERNAL_ERROR", "CONFLICT");
    private static final Pattern DEAL_ID = Pattern.compile("\\d{1,20}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HubSpotApi api;

    DealWrites(HubSpotApi api) {
        this.api = api;
    }

    /** What cannot be sent at all (a malformed id or property name): refused here without spending a call. */
    static WriteOutcome refusal(FieldUpdate update) {
        if (!DEAL_ID.matcher(update.id()).matches()) {
            return new WriteOutcome(update.id(), WriteOutcome.Status.REJECTED, "INVALID_ID", "'" + update.id() + "' is not a HubSpot deal id");
        }
        for (String property : update.values().keySet()) {
            String problem = CrmNames.problem(Crm.HUBSPOT, property);
            if (problem != null) {
                return new WriteOutcome(update.id(), WriteOutcome.Status.REJECTED, "PROPERTY_DOESNT_EXIST", problem);
            }
        }
        return null;
    }

    /** Writes one batch (at most {@link #MAX_RECORDS}); one outcome per update, in order. */
    List<WriteOutcome> write(List<FieldUpdate> batch) {
        JsonNode response;
        try {
            response = api.batchUpdate(body(batch));
        } catch (CrmException.Fatal e) {
            if (!"VALIDATION_ERROR".equals(e.crmCode())) {
                throw e;
            }
            if (batch.size() == 1) {
                return List.of(new WriteOutcome(batch.get(0).id(), WriteOutcome.Status.REJECTED, e.crmCode(), e.getMessage()));
            }
            int half = batch.size() / 2;
            List<WriteOutcome> outcomes = new ArrayList<>(write(batch.subList(0, half)));
            outcomes.addAll(write(batch.subList(half, batch.size())));
            return outcomes;
        }
        return outcomes(batch, response);
    }

    static String body(List<FieldUpdate> batch) {
        ObjectNode body = NODES.objectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (FieldUpdate update : batch) {
            ObjectNode input = inputs.addObject();
            input.put("id", update.id());
            ObjectNode properties = input.putObject("properties");
            update.values().forEach((name, value) -> properties.put(name, HubSpotValues.write(value)));
        }
        return body.toString();
    }

    /** Matches a 200/207 body to the inputs: written when in {@code results}, failed as its error says. */
    static List<WriteOutcome> outcomes(List<FieldUpdate> batch, JsonNode response) {
        Set<String> written = new java.util.HashSet<>();
        for (JsonNode result : response.path("results")) {
            written.add(result.path("id").asText());
        }
        Map<String, WriteOutcome> failed = new HashMap<>();
        for (JsonNode error : response.path("errors")) {
            String category = error.path("category").asText("");
            String message = error.path("message").asText("");
            WriteOutcome.Status status = RETRY_CATEGORIES.contains(category) ? WriteOutcome.Status.RETRY : WriteOutcome.Status.REJECTED;
            for (JsonNode id : error.path("context").path("ids")) {
                failed.put(id.asText(), new WriteOutcome(id.asText(), status, category, message));
            }
        }
        List<WriteOutcome> outcomes = new ArrayList<>(batch.size());
        for (FieldUpdate update : batch) {
            WriteOutcome failure = failed.get(update.id());
            if (failure != null) {
                outcomes.add(failure);
            } else if (written.contains(update.id())) {
                outcomes.add(WriteOutcome.written(update.id()));
            } else {
                outcomes.add(new WriteOutcome(update.id(), WriteOutcome.Status.RETRY, null, "HubSpot reported neither a result nor an error for the deal"));
            }
        }
        return outcomes;
    }
}

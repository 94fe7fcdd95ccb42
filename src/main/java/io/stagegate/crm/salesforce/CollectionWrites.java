package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagegate.criteria.Crm;
import io.stagegate.crm.CrmException;
import io.stagegate.crm.FieldUpdate;
import io.stagegate.crm.WriteOutcome;
import io.stagegate.playbook.CrmNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sObject Collections updates: the request body of one call (at most 200 records, allOrNone false) and the outcome
 * of each record, matched by position because failed results may carry no id.
 */
final class CollectionWrites {
    static final int MAX_RECORDS = 200;
    /** Per-record codes that are worth another try later; every other failure is dead-lettered with Salesforce's message. */
    private static final Set<String> RETRY_CODES = Set.of("UNABLE_TO_LOCK_ROW", "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "UNKNOWN_EXCEPTION", "SERVER_UNAVAILABLE", SalesforceErrors.REQUEST_LIMIT_EXCEEDED);
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private CollectionWrites() {
    }

    /** What cannot be sent at all (a malformed id or field name): refused here without spending a call. */
    static WriteOutcome refusal(FieldUpdate update) {
        if (!SalesforceId.isId(update.id())) {
            return new WriteOutcome(update.id(), WriteOutcome.Status.REJECTED, "MALFORMED_ID", "'" + update.id() + "' is not a Salesforce id");
        }
        for (String field : update.values().keySet()) {
            String problem = CrmNames.problem(Crm.SALESFORCE, field);
            if (problem != null) {
                return new WriteOutcome(update.id(), WriteOutcome.Status.REJECTED, "INVALID_FIELD", problem);
            }
        }
        return null;
    }

    static String body(List<FieldUpdate> updates, OpportunitySchema schema) {
        ObjectNode body = NODES.objectNode();
        body.put("allOrNone", false);
        ArrayNode records = body.putArray("records");
        for (FieldUpdate update : updates) {
            ObjectNode record = records.addObject();
            record.putObject("attributes").put("type", "Opportunity");
            record.put("id", update.id());
            for (Map.Entry<String, Object> value : update.values().entrySet()) {
                put(record, value.getKey(), value.getValue(), schema);
            }
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a collection body", e);
        }
    }

    private static void put(ObjectNode record, String field, Object value, OpportunitySchema schema) {
        if (value == null) {
            record.putNull(field);
        } else if (value instanceof Boolean flag) {
            record.put(field, flag);
        } else if (value instanceof BigDecimal decimal) {
            record.put(field, decimal);
        } else if (value instanceof Number number) {
            record.put(field, new BigDecimal(number.toString()));
        } else if (value instanceof LocalDate date) {
            record.put(field, date.toString());
        } else if (value instanceof Instant instant) {
            record.put(field, SalesforceValues.WRITE_DATETIME.format(instant));
        } else {
            record.put(field, truncate(value.toString(), schema.field(field).map(DescribeResult.Field::length).orElse(0)));
        }
    }

    /** Cuts text to the field's length in characters (code points), marking the cut with an ellipsis; 0 = unknown length. */
    static String truncate(String text, int length) {
        if (length <= 0 || text.codePointCount(0, text.length()) <= length) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, length - 1)) + "…";
    }

    /** One outcome per update, by position. */
    static List<WriteOutcome> outcomes(List<FieldUpdate> updates, List<SaveResult> results) {
        if (results == null || results.size() != updates.size()) {
            throw new CrmException.Retryable("Salesforce answered " + (results == null ? 0 : results.size()) + " results for "
                    + updates.size() + " records; the batch will be written again", null, Duration.ZERO, null);
        }
        List<WriteOutcome> outcomes = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            outcomes.add(outcome(updates.get(i).id(), results.get(i)));
        }
        return outcomes;
    }

    private static WriteOutcome outcome(String id, SaveResult result) {
        if (result.success()) {
            return WriteOutcome.written(id);
        }
        if (result.errors().isEmpty()) {
            return new WriteOutcome(id, WriteOutcome.Status.RETRY, null, "Salesforce reported a failure without an error");
        }
        SaveResult.Error error = result.errors().get(0);
        String message = error.message() + (error.fields() == null || error.fields().isEmpty() ? "" : " (fields: " + String.join(", ", error.fields()) + ")");
        WriteOutcome.Status status = RETRY_CODES.contains(error.statusCode()) ? WriteOutcome.Status.RETRY : WriteOutcome.Status.REJECTED;
        return new WriteOutcome(id, status, error.statusCode(), message);
    }
}

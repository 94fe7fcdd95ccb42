package io.stagegate.crm.salesforce.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.crm.salesforce.SalesforceId;
import io.stagegate.intake.InboxEvent;
import io.stagegate.intake.PushRefused;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a signed event request: {@code {"events": [{"id", "recordId", "occurredAt"}]}}, 1 to 100 events. The
 * id is the sender's and must stay the same when the same change is sent again (a retry is then a duplicate); other
 * properties are kept in the payload and otherwise ignored. Every problem is reported with the event's index and field.
 */
final class SignedEvents {
    static final String DEDUPE_PREFIX = "sf-ev:";
    static final int MAX_EVENTS = 100;
    static final int MAX_ID_LENGTH = 200;
    private static final int MAX_PROBLEMS = 100;

    private SignedEvents() {
    }

    /** The inbox rows of the body, or {@link PushRefused} (400) listing what is wrong. */
    static List<InboxEvent> read(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw PushRefused.invalid("the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw PushRefused.invalid("the request body could not be read: " + e.getMessage());
        }
        JsonNode events = root == null ? null : root.get("events");
        if (root == null || !root.isObject() || events == null || !events.isArray()) {
            throw PushRefused.invalid("the body must be a JSON object with an array \"events\"");
        }
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw PushRefused.invalid("\"events\" must hold 1 to " + MAX_EVENTS + " events, it holds " + events.size());
        }
        List<InboxEvent> rows = new ArrayList<>(events.size());
        List<PushRefused.FieldProblem> problems = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            JsonNode event = events.get(index);
            int before = problems.size();
            check(event, index, problems);
            if (problems.size() == before) {
                rows.add(new InboxEvent(DEDUPE_PREFIX + event.get("id").asText(), List.of(event.get("recordId").asText()), event.toString()));
            }
        }
        if (!problems.isEmpty()) {
            List<PushRefused.FieldProblem> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS));
            PushRefused.FieldProblem first = shown.get(0);
            throw PushRefused.invalid(problems.size() + " problem(s) in the events, nothing was accepted; the first: " + first.field() + ": "
                    + first.message(), shown);
        }
        return rows;
    }

    private static void check(JsonNode event, int index, List<PushRefused.FieldProblem> problems) {
        String at = "events[" + index + "]";
        if (!event.isObject()) {
            problems.add(new PushRefused.FieldProblem(index, at, "must be an object {\"id\", \"recordId\", \"occurredAt\"}"));
            return;
        }
        String id = string(event, index, "id", "the sender's id of the event, the same whenever it sends the same change", problems);
        if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            problems.add(new PushRefused.FieldProblem(index, at + ".id", "must be 1 to " + MAX_ID_LENGTH + " printable ASCII characters without spaces"));
        }
        String recordId = string(event, index, "recordId", "the opportunity's id", problems);
        if (recordId != null && !SalesforceId.isOpportunityId(recordId)) {
            problems.add(new PushRefused.FieldProblem(index, at + ".recordId", PushRefused.quote(recordId)
                    + " is not an opportunity id (15 or 18 letters and digits starting with 006)"));
        }
        String occurredAt = string(event, index, "occurredAt", "when the change happened, e.g. 2026-11-26T09:30:00.000Z", problems);
        if (occurredAt != null) {
            try {
                OffsetDateTime.parse(occurredAt);
            } catch (DateTimeParseException e) {
                problems.add(new PushRefused.FieldProblem(index, at + ".occurredAt", PushRefused.quote(occurredAt)
                        + " is not an ISO-8601 date-time with offset, e.g. 2026-11-26T09:30:00.000Z"));
            }
        }
    }

    /** The field's text; null, with a problem recorded, when it is missing or not a JSON string. */
    private static String string(JsonNode event, int index, String field, String meaning, List<PushRefused.FieldProblem> problems) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            problems.add(new PushRefused.FieldProblem(index, "events[" + index + "]." + field, "is required: " + meaning));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new PushRefused.FieldProblem(index, "events[" + index + "]." + field, "must be a string: " + meaning));
            return null;
        }
        return value.asText();
    }
}

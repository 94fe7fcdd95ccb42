package io.stagegate.crm.hubspot.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.intake.InboxEvent;
import io.stagegate.intake.PushBatch;
import io.stagegate.intake.PushRefused;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A HubSpot webhook batch (hubspot.md §7.2, a JSON array of up to 100 events) turned into inbox rows: one per deal
 * event ({@code deal.*}, or {@code object.*} with {@code objectTypeId} 0-3), the deal's id (and, for merges, the ids
 * merged) as the records to read. HubSpot says {@code eventId} is not guaranteed to be unique, so the dedupe key is
 * the change itself: {@code hs:<portalId>:<type>:<objectId>:<occurredAt>[:<hash of propertyName and value>]}, the
 * same on every retry of the event and distinct for distinct changes. Events of other objects are ignored; events
 * too broken to use are skipped with a warning, because a 4xx would only make HubSpot retry the whole batch.
 */
final class HubSpotEvents {
    static final String DEDUPE_PREFIX = "hs:";
    /** HubSpot sends at most 100 per request; more than this is not HubSpot. */
    static final int MAX_EVENTS = 1_000;
    private static final String DEAL_OBJECT_TYPE = "0-3";
    private static final int MAX_TYPE_LENGTH = 64;
    private static final Logger LOG = Logger.getLogger(HubSpotEvents.class);

    private HubSpotEvents() {
    }

    /** The batch's rows, or {@link PushRefused} (400) when the body is not a JSON array. */
    static PushBatch read(ObjectMapper mapper, byte[] body) {
        return read(mapper, body, null);
    }

    /**
     * As {@link #read(ObjectMapper, byte[])}; events of changes the app {@code ownAppId} made (Stagegate's own writes:
     * {@code changeSource} INTEGRATION or API with {@code sourceId} = the app id) are ignored, so that a write-back never
     * comes back as a change to evaluate again.
     */
    static PushBatch read(ObjectMapper mapper, byte[] body, Long ownAppId) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw PushRefused.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw PushRefused.invalid("the request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw PushRefused.invalid("the body must be a JSON array of webhook events");
        }
        if (root.size() > MAX_EVENTS) {
            throw PushRefused.invalid("at most " + MAX_EVENTS + " events per request, got " + root.size());
        }
        List<InboxEvent> events = new ArrayList<>(root.size());
        int ignored = 0;
        int invalid = 0;
        for (int index = 0; index < root.size(); index++) {
            JsonNode event = root.get(index);
            String type = event.isObject() ? text(event, "subscriptionType", "eventType") : null;
            if (type == null || type.length() > MAX_TYPE_LENGTH || !event.path("objectId").canConvertToExactIntegral() || event.path("objectId").asLong() <= 0) {
                invalid++;
                LOG.warnf("HubSpot webhook event %d of %d skipped: it needs a subscriptionType and a numeric objectId", index, root.size());
            } else if (!isDeal(event, type) || isOwnWrite(event, ownAppId)) {
                ignored++;
            } else {
                events.add(new InboxEvent(dedupeKey(event, type), recordIds(event), event.toString()));
            }
        }
        return new PushBatch(events, ignored, invalid);
    }

    private static boolean isOwnWrite(JsonNode event, Long ownAppId) {
        if (ownAppId == null) {
            return false;
        }
        String source = text(event, "changeSource");
        return ("INTEGRATION".equals(source) || "API".equals(source)) && ownAppId.toString().equals(text(event, "sourceId"));
    }

    private static boolean isDeal(JsonNode event, String type) {
        return type.startsWith("deal.") || (type.startsWith("object.") && DEAL_OBJECT_TYPE.equals(text(event, "objectTypeId")));
    }

    static String dedupeKey(JsonNode event, String type) {
        StringBuilder key = new StringBuilder(DEDUPE_PREFIX).append(number(event, "portalId")).append(':').append(type).append(':')
                .append(event.get("objectId").asLong()).append(':').append(number(event, "occurredAt"));
        String property = text(event, "propertyName");
        if (property != null) {
            JsonNode value = event.get("propertyValue");
            key.append(':').append(shortHash(property + '\u0000' + (value == null || value.isNull() ? "" : value.asText())));
        }
        return key.toString();
    }

    /** The deal, and for a merge every deal it names, so a worker reads the survivor and sees the others gone. */
    private static List<String> recordIds(JsonNode event) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(Long.toString(event.get("objectId").asLong()));
        for (String field : List.of("primaryObjectId", "newObjectId")) {
            if (event.path(field).canConvertToExactIntegral()) {
                ids.add(Long.toString(event.get(field).asLong()));
            }
        }
        for (JsonNode merged : event.path("mergedObjectIds")) {
            if (merged.canConvertToExactIntegral()) {
                ids.add(Long.toString(merged.asLong()));
            }
        }
        return new ArrayList<>(ids);
    }

    private static String number(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.canConvertToExactIntegral() ? Long.toString(value.asLong()) : "-";
    }

    private static String text(JsonNode event, String... fields) {
        for (String field : fields) {
            JsonNode value = event.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}

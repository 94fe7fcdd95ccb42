package io.stagegate.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON form of an evaluation request, {@code {"playbook": "...", "asOf": "...", "opportunities": [...]}} or a
 * bare array of opportunities, one opportunity at a time.
 */
final class JsonOpportunitySource implements OpportunitySource {
    static final List<String> KEYS = List.of("id", "pipeline", "stage", "amount", "currency", "closeDate", "owner",
            "fields", "relatedCounts", "stageEnteredOn", "history");

    private final ObjectMapper mapper;
    private final JsonParser parser;
    private int index;
    private boolean done;

    /** The request's top-level settings, read in a first cheap pass that skips over the opportunities. */
    record Header(String playbook, String asOf) {
    }

    /**
     * The mapper this reader needs: decimals read exactly as {@link java.math.BigDecimal} (a double loses the cents of a
     * 17-digit amount and turns 1e400 into infinity), kept as written, and duplicate keys refused.
     */
    static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper strict = base.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        strict.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        return strict;
    }

    static Header header(ObjectMapper mapper, Path body) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(Files.newInputStream(body))) {
            JsonToken first = parser.nextToken();
            Header header;
            if (first == JsonToken.START_ARRAY) {
                parser.skipChildren();
                header = new Header(null, null);
            } else if (first == JsonToken.START_OBJECT) {
                header = settings(parser);
            } else {
                throw new BadInputException("the request body must be a JSON object with \"opportunities\", or a JSON array of opportunities");
            }
            if (parser.nextToken() != null) {
                throw new BadInputException("the request body has content after its JSON value, at line " + parser.currentLocation().getLineNr()
                        + ", column " + parser.currentLocation().getColumnNr());
            }
            return header;
        } catch (JsonParseException e) {
            throw malformed(e);
        }
    }

    private static Header settings(JsonParser parser) throws IOException {
        String playbook = null;
        String asOf = null;
        boolean hasOpportunities = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "playbook":
                    playbook = text(parser, value, "playbook", "a string holding the playbook YAML");
                    break;
                case "asOf":
                    asOf = text(parser, value, "asOf", "a date, YYYY-MM-DD");
                    break;
                case "opportunities":
                    if (value != JsonToken.START_ARRAY) {
                        throw new BadInputException("\"opportunities\" must be an array");
                    }
                    hasOpportunities = true;
                    parser.skipChildren();
                    break;
                default:
                    throw new BadInputException("unknown key \"" + Quote.prefix(name) + "\" in the request; expected playbook, asOf, opportunities");
            }
        }
        if (!hasOpportunities) {
            throw new BadInputException("the request has no \"opportunities\" array");
        }
        return new Header(playbook, asOf);
    }

    private static String text(JsonParser parser, JsonToken token, String name, String expected) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new BadInputException("\"" + name + "\" must be " + expected);
        }
        return parser.getText();
    }

    static BadInputException malformed(JsonParseException e) {
        return new BadInputException("the request body is not valid JSON at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ": " + Quote.prefix(e.getOriginalMessage()));
    }

    JsonOpportunitySource(ObjectMapper mapper, Path body) throws IOException {
        this.mapper = mapper;
        this.parser = mapper.getFactory().createParser(Files.newInputStream(body));
        try {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonToken value = parser.nextToken();
                    if ("opportunities".equals(parser.currentName())) {
                        return;
                    }
                    if (value.isStructStart()) {
                        parser.skipChildren();
                    }
                }
                done = true;
            }
        } catch (JsonParseException e) {
            parser.close();
            throw malformed(e);
        }
    }

    @Override
    public ParsedRecord next() throws IOException {
        if (done) {
            return null;
        }
        JsonNode node;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                done = true;
                return null;
            }
            node = mapper.readTree(parser);
        } catch (JsonParseException e) {
            throw malformed(e);
        }
        RecordBuilder builder = new RecordBuilder(index++, null);
        if (!node.isObject()) {
            builder.error("", "each opportunity must be a JSON object");
            return builder.build();
        }
        builder.id(scalar(builder, node.get("id"), "id"));
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            read(builder, entry.getKey(), entry.getValue());
        }
        return builder.build();
    }

    private static void read(RecordBuilder builder, String key, JsonNode value) {
        switch (key) {
            case "id":
                break;
            case "pipeline":
                builder.pipeline(scalar(builder, value, key));
                break;
            case "stage":
                builder.stage(scalar(builder, value, key));
                break;
            case "owner":
                builder.owner(scalar(builder, value, key));
                break;
            case "amount":
                if (value.isNumber()) {
                    builder.amount(key, value.decimalValue());
                } else {
                    builder.amount(key, scalar(builder, value, key));
                }
                break;
            case "currency":
                builder.currency(key, scalar(builder, value, key));
                break;
            case "closeDate":
                builder.closeDate(key, scalar(builder, value, key));
                break;
            case "stageEnteredOn":
                builder.stageEnteredOn(key, scalar(builder, value, key));
                break;
            case "fields":
                fields(builder, value);
                break;
            case "relatedCounts":
                relatedCounts(builder, value);
                break;
            case "history":
                history(builder, value);
                break;
            default:
                builder.error(key, "unknown key; expected " + String.join(", ", KEYS));
        }
    }

    /** The text of a single value; an object or array where a single value belongs is an error, never read into. */
    private static String scalar(RecordBuilder builder, JsonNode value, String key) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            builder.error(key, "must be a single value, not " + (value.isArray() ? "an array" : "an object"));
            return null;
        }
        return value.asText();
    }



    private static void fields(RecordBuilder builder, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            builder.error("fields", "must be an object of field API names to values");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode field = entry.getValue();
            String name = "fields." + entry.getKey();
            if (field.isNull()) {
                continue;
            }
            if (field.isBoolean()) {
                builder.field(entry.getKey(), field.booleanValue());
            } else if (field.isNumber()) {
                builder.field(entry.getKey(), name, field.decimalValue());
            } else if (field.isTextual()) {
                builder.field(entry.getKey(), field.textValue());
            } else {
                builder.error(name, "must be a single value (string, number, boolean or null)");
            }
        }
    }

    private static void relatedCounts(RecordBuilder builder, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            builder.error("relatedCounts", "must be an object of relation names to counts");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = "relatedCounts." + entry.getKey();
            if (entry.getValue().isIntegralNumber() && entry.getValue().canConvertToInt()) {
                builder.relatedCount(name, entry.getKey(), entry.getValue().intValue());
            } else {
                builder.error(name, "must be a whole number");
            }
        }
    }

    private static void history(RecordBuilder builder, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            builder.error("history", "must be an array of {\"stage\": ..., \"at\": ...}");
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            String name = "history[" + i + "]";
            if (!entry.isObject()) {
                builder.error(name, "must be an object {\"stage\": ..., \"at\": ...}");
                continue;
            }
            builder.historyEntry(name, scalar(builder, entry.get("stage"), name + ".stage"), scalar(builder, entry.get("at"), name + ".at"));
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}

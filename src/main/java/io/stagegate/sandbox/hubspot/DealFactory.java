package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.StageChange;
import io.stagegate.sandbox.org.PastChange;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the deals a portal stores: from a generated deal (as a rep entered it, with its stage history) or from an API
 * create; hands out the owner ids of reps and the ids of new contacts. Not thread-safe: the portal calls it under its
 * lock.
 */
final class DealFactory {
    private static final long CONTACT_ID_BASE = 50_000_000_000L;
    private static final long OWNER_ID_BASE = 70_000_000L;

    private final Clock clock;
    private final Instant createdAt;
    private final PipelineCatalog pipelines;
    private final PropertySchema schema;
    private final DealReader reader;
    private final Map<String, String> ownerIds = new LinkedHashMap<>();
    private long nextContactId = CONTACT_ID_BASE;

    /** @param createdAt when the portal was set up: the creation time of properties defined for generated fields */
    DealFactory(Clock clock, Instant createdAt, PipelineCatalog pipelines, PropertySchema schema, DealReader reader) {
        this.clock = clock;
        this.createdAt = createdAt;
        this.pipelines = pipelines;
        this.schema = schema;
        this.reader = reader;
    }

    /** A write to {@code deal} at {@code now}; a {@code tracked} one records history and the changes to report. */
    DealWrite write(StoredDeal deal, Instant now, boolean tracked) {
        return new DealWrite(deal, now, tracked, schema, pipelines, reader);
    }

    /** The HubSpot owner (user) id of a rep: his id when numeric, else one assigned in order of first appearance. */
    String ownerId(Rep rep) {
        return ownerIds.computeIfAbsent(rep.id(), key -> HubSpotPortal.DIGITS.matcher(key).matches() ? key : Long.toString(OWNER_ID_BASE + ownerIds.size()));
    }

    /** The id of a new contact. */
    String newContactId() {
        return Long.toString(nextContactId++);
    }

    /** Starts contact ids over, for a portal seeded anew. */
    void resetContactIds() {
        nextContactId = CONTACT_ID_BASE;
    }

    StoredDeal fromApi(long id, Map<String, String> values, Map<String, List<String>> associations, ChangeSource source, Instant now) {
        DealPipeline pipeline = pipelines.pipeline(values.get("pipeline")).orElse(pipelines.defaultPipeline());
        String stage = values.get("dealstage") == null || values.get("dealstage").isEmpty() ? pipeline.stages().get(0).id() : values.get("dealstage");
        DealWrite write = write(new StoredDeal(id, new String[schema.size()], Map.of(), associations, source, null), now, false);
        write.set("hs_object_id", Long.toString(id), source);
        write.set("createdate", HubSpotTime.text(now), source);
        values.forEach((name, value) -> write.set(name, value.isEmpty() ? null : value, source));
        write.set("pipeline", pipeline.id(), source);
        write.countAssociations(associations);
        write.stageHistory(List.of(new StageChange(stage, Instant.parse(value(write, "createdate")))), source);
        return write.finish();
    }

    private String value(DealWrite write, String property) {
        return write.values[schema.slot(property)];
    }

    StoredDeal fromSynthetic(SyntheticDeal deal) {
        String id = HubSpotPortal.dealId(deal.seq());
        String pipelineId = pipelines.idOfPlaybookPipeline(deal.pipeline())
                .orElseThrow(() -> new IllegalArgumentException("deal " + deal.seq() + ": the playbook has no pipeline '" + deal.pipeline() + "'"));
        DealPipeline pipeline = pipelines.pipeline(pipelineId).orElseThrow();
        if (pipeline.stage(deal.stage()).isEmpty()) {
            throw new IllegalArgumentException("deal " + deal.seq() + ": pipeline '" + pipelineId + "' has no stage '" + deal.stage() + "'");
        }
        String owner = ownerId(deal.owner());
        ChangeSource origin = ChangeSource.user(owner);
        Instant created = deal.createdAt() == null ? now() : deal.createdAt().truncatedTo(ChronoUnit.MILLIS);
        List<StageChange> stages = stageHistory(deal, created);

        DealWrite write = write(new StoredDeal(Long.parseLong(id), new String[schema.size()], Map.of(), associations(deal.related()), origin, null),
                created, false);
        write.set("hs_object_id", id, origin);
        write.set("createdate", HubSpotTime.text(created), origin);
        write.set("dealname", deal.name(), origin);
        write.set("pipeline", pipelineId, origin);
        write.set("hubspot_owner_id", owner, origin);
        write.set("amount", deal.amount() == null ? null : deal.amount().toPlainString(), origin);
        if (deal.currency() != null) {
            schema.ensureOption("deal_currency_code", deal.currency());
            write.set("deal_currency_code", deal.currency(), origin);
        }
        write.set("closedate", deal.closeDate() == null ? null : HubSpotTime.text(deal.closeDate().atStartOfDay(ZoneOffset.UTC).toInstant()), origin);
        deal.fields().forEach((name, value) -> write.set(name, format(name, value), origin));
        write.countAssociations(write.deal.associations);
        write.stageHistory(stages, origin);
        pastHistory(write, deal, created, origin);
        Instant lastChange = stages.get(stages.size() - 1).at().truncatedTo(ChronoUnit.MILLIS);
        if (deal.lastChange() != null && deal.lastChange().truncatedTo(ChronoUnit.MILLIS).isAfter(lastChange)) {
            lastChange = deal.lastChange().truncatedTo(ChronoUnit.MILLIS);
        }
        write.lastModified = lastChange.isAfter(created) ? lastChange : created;
        return write.finish();
    }

    /**
     * The deal's other past changes as property history, by the owning rep: the amount and close date it was created
     * with and each revision, every criteria property's values from when it was first filled in.
     */
    private void pastHistory(DealWrite write, SyntheticDeal deal, Instant created, ChangeSource origin) {
        Map<String, List<HistoryEntry>> histories = new LinkedHashMap<>();
        for (PastChange change : deal.past()) {
            String name = change.kind() == PastChange.Kind.AMOUNT ? "amount" : change.kind() == PastChange.Kind.CLOSE_DATE ? "closedate" : change.field();
            if (schema.slot(name) < 0 || change.newValue() == null) {
                continue;
            }
            List<HistoryEntry> entries = histories.computeIfAbsent(name, key -> new ArrayList<>());
            if (entries.isEmpty() && change.kind() != PastChange.Kind.FIELD && change.oldValue() != null) {
                entries.add(new HistoryEntry(format(name, change.oldValue()), created, origin));
            }
            entries.add(new HistoryEntry(format(name, change.newValue()), change.at().truncatedTo(ChronoUnit.MILLIS), origin));
        }
        histories.forEach((name, oldestFirst) -> {
            List<HistoryEntry> newestFirst = new ArrayList<>(oldestFirst);
            Collections.reverse(newestFirst);
            write.seedHistory(name, newestFirst);
        });
    }

    private static List<StageChange> stageHistory(SyntheticDeal deal, Instant created) {
        List<StageChange> stages = new ArrayList<>(deal.history());
        if (stages.isEmpty() || !stages.get(stages.size() - 1).stage().equals(deal.stage())) {
            Instant at = stages.isEmpty() || stages.get(stages.size() - 1).at().isBefore(created) ? created : stages.get(stages.size() - 1).at();
            stages.add(new StageChange(deal.stage(), at));
        }
        return stages;
    }

    private Map<String, List<String>> associations(Map<String, Integer> related) {
        Map<String, List<String>> associations = new HashMap<>();
        related.forEach((type, count) -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(newContactId());
            }
            associations.put(type, List.copyOf(ids));
        });
        return associations;
    }

    /** A generated field value in HubSpot's string form; defines the property first if the playbook did not. */
    private String format(String name, Object value) {
        PropertyDefinition definition = schema.get(name).orElseGet(() -> defineFor(name, value));
        if (value == null) {
            return null;
        }
        String text;
        if (value instanceof LocalDate) {
            LocalDate day = (LocalDate) value;
            text = definition.type() == PropertyType.DATETIME ? HubSpotTime.text(day.atStartOfDay(ZoneOffset.UTC).toInstant()) : day.toString();
        } else if (value instanceof Instant) {
            Instant instant = ((Instant) value).truncatedTo(ChronoUnit.MILLIS);
            text = definition.type() == PropertyType.DATE ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString() : HubSpotTime.text(instant);
        } else if (value instanceof BigDecimal) {
            text = ((BigDecimal) value).toPlainString();
        } else {
            text = value.toString();
        }
        if (definition.type() == PropertyType.ENUMERATION) {
            schema.ensureOption(name, text);
        }
        return text;
    }

    private PropertyDefinition defineFor(String name, Object value) {
        PropertyType type = value instanceof Boolean ? PropertyType.BOOL
                : value instanceof Number ? PropertyType.NUMBER
                : value instanceof LocalDate ? PropertyType.DATE
                : value instanceof Instant ? PropertyType.DATETIME
                : PropertyType.STRING;
        String fieldType = type == PropertyType.BOOL ? "booleancheckbox" : type == PropertyType.NUMBER ? "number" : type == PropertyType.STRING ? "text" : "date";
        schema.addIfAbsent(new PropertyDefinition(name, name, type, fieldType, PropertySchema.EXIT_CRITERIA, "",
                type == PropertyType.BOOL ? PropertySchema.boolOptions() : List.of(), schema.size(), false, false, false, false, false, null, createdAt));
        return schema.get(name).orElseThrow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

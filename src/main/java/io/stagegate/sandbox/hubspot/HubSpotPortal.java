package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The simulated HubSpot portal: deals with their properties, property history and associated contacts, the deal
 * pipelines and the property definitions, built from a playbook. Thread-safe: deals are immutable values in a sorted
 * map, so reads never lock; writes are serialised and tell the {@link DealChangeListener}s in order. Every timestamp
 * comes from the {@link Clock} given, so a scenario driver can run the portal on simulated time.
 *
 * <p>Deal ids are {@link #dealId(int) derived from the generator's sequence numbers}; owners get numeric user ids in
 * the order they first appear ({@link #ownerId(Rep)}).
 */
public final class HubSpotPortal {
    /** Deal {@code seq} gets id {@code DEAL_ID_BASE + seq}. */
    public static final long DEAL_ID_BASE = 10_000_000_000L;
    private static final long CONTACT_ID_BASE = 50_000_000_000L;
    private static final long OWNER_ID_BASE = 70_000_000L;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final System.Logger LOG = System.getLogger(HubSpotPortal.class.getName());

    private final Clock clock;
    private final long appId;
    private final Instant createdAt;
    final PipelineCatalog pipelines;
    final PropertySchema schema;
    private final PropertyValidator validator;
    private final ConcurrentSkipListMap<Long, StoredDeal> deals = new ConcurrentSkipListMap<>();
    private final Map<String, String> ownerIds = new LinkedHashMap<>();
    private final List<DealChangeListener> listeners = new CopyOnWriteArrayList<>();
    private long nextContactId = CONTACT_ID_BASE;

    public HubSpotPortal(Playbook playbook, Clock clock, long appId) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appId = appId;
        this.createdAt = now();
        this.pipelines = new PipelineCatalog(playbook);
        this.schema = new PropertySchema(playbook, pipelines, createdAt);
        this.validator = new PropertyValidator(schema, pipelines);
    }

    public static String dealId(int seq) {
        return Long.toString(DEAL_ID_BASE + seq);
    }

    public long appId() {
        return appId;
    }

    public Clock clock() {
        return clock;
    }

    /** When the portal was set up: the creation time of its pipelines and HubSpot's own properties. */
    Instant createdAt() {
        return createdAt;
    }

    // --- seeding and the scenario driver --------------------------------------------------------------

    /**
     * Replaces every deal with {@code generated} (deal {@code seq} gets id {@link #dealId(int)}), as if reps had entered
     * them: seeded values carry source {@code CRM_UI} of the owner, the stage history becomes {@code dealstage}'s
     * history and the stage dates. No change is reported to listeners. Property definitions and pipelines stay.
     *
     * @throws IllegalArgumentException when a deal names a pipeline or stage the playbook does not have
     */
    public synchronized void seed(Stream<SyntheticDeal> generated) {
        deals.clear();
        nextContactId = CONTACT_ID_BASE;
        generated.forEach(deal -> {
            StoredDeal stored = fromSynthetic(deal);
            deals.put(stored.id, stored);
        });
    }

    /** Adds one deal as a rep would create it now, and reports its creation; its id follows {@code seq}. */
    public synchronized DealSnapshot create(SyntheticDeal deal) {
        StoredDeal stored = fromSynthetic(deal);
        if (deals.containsKey(stored.id)) {
            throw new IllegalArgumentException("a deal with seq " + deal.seq() + " (id " + stored.id() + ") exists");
        }
        deals.put(stored.id, stored);
        fireCreated(stored);
        return snapshot(stored);
    }

    /**
     * Sets the number of records of one type associated with a deal (a rep adding or removing stakeholders): new
     * contacts get fresh ids, removed ones are the latest. {@code num_associated_contacts} follows as HubSpot computes it,
     * and like any recalculation it moves {@code hs_lastmodifieddate}; the change is reported.
     *
     * @throws NoSuchElementException when no live deal has this id
     */
    public synchronized DealSnapshot setAssociationCount(String id, String type, int count, ChangeSource source) {
        if (count < 0) {
            throw new IllegalArgumentException("an association count is not negative, was " + count);
        }
        StoredDeal deal = live(id);
        if (deal == null) {
            throw new NoSuchElementException("no deal " + id);
        }
        String name = DealViews.associationName(type);
        List<String> ids = new ArrayList<>(deal.associations.getOrDefault(name, List.of()));
        while (ids.size() < count) {
            ids.add(Long.toString(nextContactId++));
        }
        ids.subList(count, ids.size()).clear();
        Map<String, List<String>> associations = new HashMap<>(deal.associations);
        associations.put(name, List.copyOf(ids));
        Instant now = now();
        Write write = new Write(deal.withAssociations(associations), now, true);
        write.countAssociations(associations);
        StoredDeal updated = write.finish();
        deals.put(updated.id, updated);
        fire(new DealChange(updated.id(), DealChange.Kind.UPDATED, now, source, write.changes));
        return snapshot(updated);
    }

    /** The deal with this id unless archived. */
    public Optional<DealSnapshot> get(String id) {
        StoredDeal deal = live(id);
        return deal == null ? Optional.empty() : Optional.of(snapshot(deal));
    }

    /** Every deal that is not archived, in id order (a weakly consistent view: writes during the walk may or may not show). */
    public Stream<DealSnapshot> liveDeals() {
        return deals.values().stream().filter(deal -> !deal.archived()).map(this::snapshot);
    }

    /** Number of deals that are not archived. */
    public int size() {
        return (int) deals.values().stream().filter(deal -> !deal.archived()).count();
    }

    /**
     * Writes properties of one deal as HubSpot does: values are validated and normalised ({@code ""} clears), changed
     * values get a history entry from {@code source}, calculated properties follow the stage, and
     * {@code hs_lastmodifieddate} is bumped even when nothing changed.
     *
     * @throws NoSuchElementException when no live deal has this id
     * @throws InvalidPropertiesException when a value is not valid (nothing is written)
     */
    public DealSnapshot update(String id, Map<String, String> properties, ChangeSource source) {
        Map<String, StoredDeal> written = updateAll(List.of(new DealUpdate(id, properties)), source);
        StoredDeal deal = written.get(id);
        if (deal == null) {
            throw new NoSuchElementException("no deal " + id);
        }
        return snapshot(deal);
    }

    /** Archives a deal (HubSpot's delete) and reports it. */
    public synchronized void archive(String id, ChangeSource source) {
        StoredDeal deal = live(id);
        if (deal == null) {
            throw new NoSuchElementException("no deal " + id);
        }
        Instant now = now();
        deals.put(deal.id, deal.archivedAt(now));
        fire(new DealChange(deal.id(), DealChange.Kind.ARCHIVED, now, source, List.of()));
    }

    public void addListener(DealChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(DealChangeListener listener) {
        listeners.remove(listener);
    }

    /** The HubSpot owner (user) id of a rep: his id when numeric, else one assigned in order of first appearance. */
    public synchronized String ownerId(Rep rep) {
        return ownerIds.computeIfAbsent(rep.id(), key -> DIGITS.matcher(key).matches() ? key : Long.toString(OWNER_ID_BASE + ownerIds.size()));
    }

    // --- for the API ---------------------------------------------------------------------------------

    /** A live (not archived) deal, or {@code null}. */
    StoredDeal live(String id) {
        StoredDeal deal = stored(id);
        return deal == null || deal.archived() ? null : deal;
    }

    /** A deal whether archived or not, or {@code null}. */
    StoredDeal stored(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            return null;
        }
        return deals.get(Long.parseLong(id));
    }

    /** Every stored deal in id order, archived ones included; a weakly consistent live view. */
    Collection<StoredDeal> deals() {
        return deals.values();
    }

    /** Deals with ids greater than or equal to {@code fromId}, in id order. */
    Collection<StoredDeal> dealsFrom(long fromId) {
        return deals.tailMap(fromId, true).values();
    }

    /** The first deal (archived or not as asked) whose {@code property} holds {@code value}. */
    Optional<StoredDeal> byProperty(String property, String value, boolean archived) {
        int slot = schema.slot(property);
        if (slot < 0) {
            return Optional.empty();
        }
        return deals.values().stream().filter(deal -> deal.archived() == archived && value.equals(deal.value(slot))).findFirst();
    }

    String value(StoredDeal deal, String property) {
        return deal.value(schema.slot(property));
    }

    /**
     * Writes several deals at once: every value of every found deal is validated first and nothing is written when one
     * is invalid. Returns the written deals by id, in input order; ids of missing deals are left out.
     */
    synchronized Map<String, StoredDeal> updateAll(List<DealUpdate> updates, ChangeSource source) {
        List<InvalidPropertiesException.Invalid> problems = PropertyValidator.problems();
        Map<String, Map<String, String>> valid = new LinkedHashMap<>();
        for (DealUpdate update : updates) {
            StoredDeal deal = live(update.id());
            if (deal != null) {
                valid.put(update.id(), validator.normalize(update.properties(), value(deal, "pipeline"), value(deal, "dealstage"), problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPropertiesException(problems);
        }
        Instant now = now();
        Map<String, StoredDeal> written = new LinkedHashMap<>();
        valid.forEach((id, values) -> {
            Write write = new Write(live(id), now, true);
            values.forEach((name, value) -> write.set(name, value.isEmpty() ? null : value, source));
            write.deriveFromStage(value(live(id), "dealstage"));
            StoredDeal updated = write.finish();
            deals.put(updated.id, updated);
            written.put(id, updated);
            fire(new DealChange(id, DealChange.Kind.UPDATED, now, source, write.changes));
        });
        return written;
    }

    /**
     * Creates deals through the API as {@code source}, all or none: every input is validated first (read-only and
     * unknown properties, values, stages of the pipeline) and nothing is created when one is invalid. A deal without
     * {@code pipeline} goes to the default pipeline, one without {@code dealstage} to the pipeline's first stage; it gets
     * the next id after every deal of the portal, its stage dates, calculated properties and associations, and its
     * creation is reported. Returns the created deals in input order.
     *
     * @throws InvalidPropertiesException when a value is not valid
     */
    synchronized List<StoredDeal> createAll(List<DealCreate> inputs, ChangeSource source) {
        List<InvalidPropertiesException.Invalid> problems = PropertyValidator.problems();
        List<Map<String, String>> valid = new ArrayList<>();
        for (DealCreate input : inputs) {
            String requested = input.properties().get("pipeline");
            String pipeline = requested == null || requested.isBlank() ? pipelines.defaultPipeline().id() : requested.trim();
            valid.add(validator.normalize(input.properties(), pipeline, null, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPropertiesException(problems);
        }
        Instant now = now();
        List<StoredDeal> created = new ArrayList<>();
        long id = deals.isEmpty() ? DEAL_ID_BASE : deals.lastKey() + 1;
        for (int i = 0; i < inputs.size(); i++) {
            StoredDeal deal = fromApi(id++, valid.get(i), inputs.get(i).associations(), source, now);
            deals.put(deal.id, deal);
            created.add(deal);
            fireCreated(deal);
        }
        return created;
    }

    private StoredDeal fromApi(long id, Map<String, String> values, Map<String, List<String>> associations, ChangeSource source, Instant now) {
        DealPipeline pipeline = pipelines.pipeline(values.get("pipeline")).orElse(pipelines.defaultPipeline());
        String stage = values.get("dealstage") == null || values.get("dealstage").isEmpty() ? pipeline.stages().get(0).id() : values.get("dealstage");
        Write write = new Write(new StoredDeal(id, new String[schema.size()], Map.of(), associations, source, null), now, false);
        write.set("hs_object_id", Long.toString(id), source);
        write.set("createdate", now.toString(), source);
        values.forEach((name, value) -> write.set(name, value.isEmpty() ? null : value, source));
        write.set("pipeline", pipeline.id(), source);
        write.countAssociations(associations);
        write.stageHistory(List.of(new StageChange(stage, Instant.parse(value(write, "createdate")))), source);
        return write.finish();
    }

    private String value(Write write, String property) {
        return write.values[schema.slot(property)];
    }

    private void fireCreated(StoredDeal stored) {
        List<DealChange.PropertyChange> changes = new ArrayList<>();
        for (int slot = 0; slot < schema.size(); slot++) {
            String value = stored.value(slot);
            if (value != null) {
                PropertyDefinition definition = schema.at(slot);
                changes.add(new DealChange.PropertyChange(definition.name(), value, definition.calculated() ? ChangeSource.calculated() : stored.origin));
            }
        }
        fire(new DealChange(stored.id(), DealChange.Kind.CREATED, createdAt(stored), stored.origin, changes));
    }

    /** A property's history, newest first: the explicit entries, or one entry for a value set at creation. */
    List<HistoryEntry> history(StoredDeal deal, String property) {
        List<HistoryEntry> explicit = deal.history.get(property);
        if (explicit != null) {
            return explicit;
        }
        PropertyDefinition definition = schema.get(property).orElse(null);
        String value = definition == null ? null : value(deal, property);
        if (value == null) {
            return List.of();
        }
        if (definition.calculated() || definition.readOnlyValue()) {
            Instant at = definition.type() == PropertyType.DATETIME ? Instant.parse(value) : stageEnteredAt(deal);
            return List.of(new HistoryEntry(value, at, ChangeSource.calculated()));
        }
        return List.of(new HistoryEntry(value, createdAt(deal), deal.origin));
    }

    DealSnapshot snapshot(StoredDeal deal) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int slot = 0; slot < schema.size(); slot++) {
            String value = deal.value(slot);
            if (value != null) {
                properties.put(schema.at(slot).name(), value);
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        deal.associations.forEach((type, ids) -> counts.put(type, ids.size()));
        return new DealSnapshot(deal.id(), properties, createdAt(deal), updatedAt(deal), deal.archived(), counts);
    }

    Instant createdAt(StoredDeal deal) {
        return Instant.parse(value(deal, "createdate"));
    }

    Instant updatedAt(StoredDeal deal) {
        return Instant.parse(value(deal, "hs_lastmodifieddate"));
    }

    private Instant stageEnteredAt(StoredDeal deal) {
        String entered = value(deal, "hs_v2_date_entered_current_stage");
        return entered == null ? createdAt(deal) : Instant.parse(entered);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void fire(DealChange change) {
        for (DealChangeListener listener : listeners) {
            try {
                listener.onChange(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a deal change listener failed on " + change.dealId(), e);
            }
        }
    }

    // --- building deals --------------------------------------------------------------------------------

    private StoredDeal fromSynthetic(SyntheticDeal deal) {
        String id = dealId(deal.seq());
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

        Write write = new Write(new StoredDeal(Long.parseLong(id), new String[schema.size()], Map.of(), associations(deal.related()), origin, null),
                created, false);
        write.set("hs_object_id", id, origin);
        write.set("createdate", created.toString(), origin);
        write.set("dealname", deal.name(), origin);
        write.set("pipeline", pipelineId, origin);
        write.set("hubspot_owner_id", owner, origin);
        write.set("amount", deal.amount() == null ? null : deal.amount().toPlainString(), origin);
        if (deal.currency() != null) {
            schema.ensureOption("deal_currency_code", deal.currency());
            write.set("deal_currency_code", deal.currency(), origin);
        }
        write.set("closedate", deal.closeDate() == null ? null : deal.closeDate().atStartOfDay(ZoneOffset.UTC).toInstant().toString(), origin);
        deal.fields().forEach((name, value) -> write.set(name, format(name, value), origin));
        write.countAssociations(write.deal.associations);
        write.stageHistory(stages, origin);
        Instant lastChange = stages.get(stages.size() - 1).at().truncatedTo(ChronoUnit.MILLIS);
        write.lastModified = lastChange.isAfter(created) ? lastChange : created;
        return write.finish();
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
                ids.add(Long.toString(nextContactId++));
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
            text = definition.type() == PropertyType.DATETIME ? day.atStartOfDay(ZoneOffset.UTC).toInstant().toString() : day.toString();
        } else if (value instanceof Instant) {
            Instant instant = ((Instant) value).truncatedTo(ChronoUnit.MILLIS);
            text = definition.type() == PropertyType.DATE ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString() : instant.toString();
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

    /** One write to one deal: new values, their history and the changes to report. */
    private final class Write {
        private final StoredDeal deal;
        final String[] values;
        private final Map<String, List<HistoryEntry>> history;
        private final Instant now;
        private final boolean tracked;
        final List<DealChange.PropertyChange> changes = new ArrayList<>();
        Instant lastModified;

        Write(StoredDeal deal, Instant now, boolean tracked) {
            this.deal = deal;
            this.values = deal.valuesForWrite(schema.size());
            this.history = new HashMap<>(deal.history);
            this.now = now;
            this.tracked = tracked;
            this.lastModified = now;
        }

        /** Sets a value ({@code null} clears); a tracked write records history and the change when it differs. */
        void set(String name, String value, ChangeSource source) {
            int slot = schema.slot(name);
            if (slot < 0) {
                throw new IllegalStateException("no property " + name);
            }
            String old = values[slot];
            if (Objects.equals(old, value)) {
                return;
            }
            if (tracked) {
                List<HistoryEntry> entries = new ArrayList<>();
                entries.add(new HistoryEntry(value == null ? "" : value, now, source));
                entries.addAll(history(deal, name));
                history.put(name, List.copyOf(entries));
                changes.add(new DealChange.PropertyChange(name, value == null ? "" : value, source));
            }
            values[slot] = value;
        }

        /** The seeded stage history: dealstage's explicit history and the stage dates, then the calculated values. */
        void stageHistory(List<StageChange> stages, ChangeSource origin) {
            List<HistoryEntry> entries = new ArrayList<>();
            String previous = null;
            for (StageChange change : stages) {
                Instant instant = change.at().truncatedTo(ChronoUnit.MILLIS);
                String at = instant.toString();
                entries.add(0, new HistoryEntry(change.stage(), instant, origin));
                setIfDefined(PropertySchema.enteredProperty(change.stage()), at);
                if (previous != null) {
                    setIfDefined(PropertySchema.exitedProperty(previous), at);
                }
                previous = change.stage();
            }
            set("dealstage", previous, origin);
            set("hs_v2_date_entered_current_stage", entries.get(0).timestamp().toString(), ChangeSource.calculated());
            history.put("dealstage", List.copyOf(entries));
            deriveFromStage(previous);
        }

        /** {@code num_associated_contacts}, which HubSpot computes from the deal's contact associations. */
        void countAssociations(Map<String, List<String>> associations) {
            set(PropertySchema.NUM_ASSOCIATED_CONTACTS, Integer.toString(associations.getOrDefault("contacts", List.of()).size()), ChangeSource.calculated());
        }

        private void setIfDefined(String name, String value) {
            if (schema.slot(name) >= 0) {
                set(name, value, ChangeSource.calculated());
            }
        }

        /** Recomputes what HubSpot calculates from the stage; stage dates move when the stage changed. */
        void deriveFromStage(String oldStage) {
            ChangeSource calculated = ChangeSource.calculated();
            String pipelineId = values[schema.slot("pipeline")];
            DealPipeline pipeline = pipelines.pipeline(pipelineId).orElse(pipelines.defaultPipeline());
            String stageId = values[schema.slot("dealstage")];
            DealStage stage = stageId == null ? null : pipeline.stage(stageId).orElse(null);
            set("hs_deal_stage_probability", stage == null ? null : stage.dealProbability(), calculated);
            set("hs_is_closed", stage == null ? null : Boolean.toString(stage.closed()), calculated);
            set("hs_is_closed_won", stage == null ? null : Boolean.toString(stage.won()), calculated);
            set("hs_is_closed_lost", stage == null ? null : Boolean.toString(stage.closed() && !stage.won()), calculated);
            String amount = values[schema.slot("amount")];
            set("hs_projected_amount", amount == null || stage == null ? null : weighted(amount, stage), calculated);
            if (tracked && stageId != null && !stageId.equals(oldStage)) {
                setIfDefined(PropertySchema.enteredProperty(stageId), now.toString());
                if (oldStage != null) {
                    setIfDefined(PropertySchema.exitedProperty(oldStage), now.toString());
                }
                set("hs_v2_date_entered_current_stage", now.toString(), calculated);
            }
        }

        private String weighted(String amount, DealStage stage) {
            BigDecimal product = new BigDecimal(amount).multiply(stage.probability()).stripTrailingZeros();
            return (product.scale() < 0 ? product.setScale(0) : product).toPlainString();
        }

        StoredDeal finish() {
            values[schema.slot("hs_lastmodifieddate")] = lastModified.toString();
            return deal.with(values, history);
        }
    }
}

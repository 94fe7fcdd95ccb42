package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.Playbook;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.time.Clock;
import java.time.Instant;
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
    static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final System.Logger LOG = System.getLogger(HubSpotPortal.class.getName());

    private final Clock clock;
    private final long appId;
    private final Instant createdAt;
    final PipelineCatalog pipelines;
    final PropertySchema schema;
    private final PropertyValidator validator;
    private final DealReader reader;
    private final DealFactory factory;
    private final ConcurrentSkipListMap<Long, StoredDeal> deals = new ConcurrentSkipListMap<>();
    private final List<DealChangeListener> listeners = new CopyOnWriteArrayList<>();

    public HubSpotPortal(Playbook playbook, Clock clock, long appId) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appId = appId;
        this.createdAt = now();
        this.pipelines = new PipelineCatalog(playbook);
        this.schema = new PropertySchema(playbook, pipelines, createdAt);
        this.validator = new PropertyValidator(schema, pipelines);
        this.reader = new DealReader(schema);
        this.factory = new DealFactory(clock, createdAt, pipelines, schema, reader);
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
        factory.resetContactIds();
        generated.forEach(deal -> {
            StoredDeal stored = factory.fromSynthetic(deal);
            deals.put(stored.id, stored);
        });
    }

    /** Adds one deal as a rep would create it now, and reports its creation; its id follows {@code seq}. */
    public synchronized DealSnapshot create(SyntheticDeal deal) {
        StoredDeal stored = factory.fromSynthetic(deal);
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
            ids.add(factory.newContactId());
        }
        ids.subList(count, ids.size()).clear();
        Map<String, List<String>> associations = new HashMap<>(deal.associations);
        associations.put(name, List.copyOf(ids));
        Instant now = now();
        DealWrite write = factory.write(deal.withAssociations(associations), now, true);
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

    /**
     * What HubSpot does when an admin edits the deal pipelines (hubspot.md §4): every live deal gets the same new
     * {@code hs_lastmodifieddate} while no property changes, so no history entry and no webhook. Returns the stamp; a
     * poller then finds every deal changed at one instant, beyond search's 10,000-result cap when the portal is large.
     */
    public synchronized Instant touchAll() {
        Instant now = now();
        for (StoredDeal deal : deals.values()) {
            if (!deal.archived()) {
                StoredDeal touched = factory.write(deal, now, true).finish();
                deals.put(touched.id, touched);
            }
        }
        return now;
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
        return factory.ownerId(rep);
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
        return reader.value(deal, property);
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
            DealWrite write = factory.write(live(id), now, true);
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
            StoredDeal deal = factory.fromApi(id++, valid.get(i), inputs.get(i).associations(), source, now);
            deals.put(deal.id, deal);
            created.add(deal);
            fireCreated(deal);
        }
        return created;
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
        return reader.history(deal, property);
    }

    DealSnapshot snapshot(StoredDeal deal) {
        return reader.snapshot(deal);
    }

    Instant createdAt(StoredDeal deal) {
        return reader.createdAt(deal);
    }

    Instant updatedAt(StoredDeal deal) {
        return reader.updatedAt(deal);
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
}

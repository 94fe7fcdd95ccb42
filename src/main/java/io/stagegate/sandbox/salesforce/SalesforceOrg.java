package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.CrmStage;
import io.stagegate.criteria.Crm;
import io.stagegate.criteria.JourneyStage;
import io.stagegate.criteria.Pipeline;
import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.sandbox.org.Rep;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The simulated Salesforce org: opportunities with their history and contact roles, stages, record types and users,
 * in memory and thread-safe (one read-write lock; records are immutable versions, so readers never see half a write).
 * It behaves as Salesforce does on writes: derived fields follow the stage, read-only fields are refused, an
 * OpportunityHistory row holds each new snapshot of stage, amount, probability, close date or forecast category,
 * SystemModstamp has second granularity and moves on every write, even one that changes nothing.
 *
 * <p>Seed it with {@link #seed(Stream)}; the scenario driver changes it with {@link #update}, {@link #insert},
 * {@link #delete}, and tests reproduce sync pitfalls with {@link #lateCommit} and {@link #setSystemModstamp}.
 */
public final class SalesforceOrg {
    private static final Logger LOG = Logger.getLogger(SalesforceOrg.class);
    private static final int RECENT_CHANGES = 10_000;
    /** Fields whose change writes an OpportunityHistory row. */
    private static final Set<String> HISTORY_FIELDS = Set.of("StageName", "Amount", "Probability", "CloseDate", "ForecastCategoryName");
    private static final Set<String> STAMP_FIELDS = Set.of("LastModifiedDate", "LastModifiedById", "SystemModstamp");
    /** What an insert must set, in the order REQUIRED_FIELD_MISSING lists them. */
    private static final List<String> REQUIRED_ON_INSERT = List.of("Name", "StageName", "CloseDate");
    private static final String ROLLED_BACK = "Record rolled back because not all records were valid and the request was using AllOrNone header";
    static final String NEW_BUSINESS = "New_Business";
    static final String RENEWAL = "Renewal";

    private final Playbook playbook;
    private final SalesforceSchema schema;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, StageInfo> stages = new LinkedHashMap<>();
    private final Map<String, String> usersByRep = new HashMap<>();
    private final Map<String, String> recordTypesByName = new LinkedHashMap<>();
    private final String organizationId;
    private final String integrationUserId;
    private final String integrationUsername;
    private final Instant metadataModified;
    private final List<Consumer<OpportunityChange>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<OpportunityChange> recent = new ArrayDeque<>();
    /** One LocalDate object a day, shared by every row holding it: a million deals hold a few thousand distinct days. */
    private final Map<LocalDate, LocalDate> days = new HashMap<>();
    private long nextUser = 2;
    private long nextHistory = 1;
    private long nextContactRole = 1;
    /** The record number the next opportunity created through the API gets: after every seeded or inserted one. */
    private long nextOpportunity = 1;

    /**
     * The rows of one object by record number (so in id order), and for child objects the record numbers of each
     * opportunity's children, oldest first.
     */
    private static final class Table {
        final ObjectSchema schema;
        final NumberIndex<Row> rows = new NumberIndex<>();
        /** The record numbers of each opportunity's children, by the opportunity's record number. */
        final NumberIndex<long[]> byOpportunity = new NumberIndex<>();

        Table(ObjectSchema schema) {
            this.schema = schema;
        }

        void put(Row row) {
            long number = row.number();
            if (rows.put(number, row) == null && schema.opportunityId() != null) {
                long parent = SalesforceIds.number((String) row.get(schema.opportunityId()));
                long[] children = byOpportunity.get(parent);
                long[] more = children == null ? new long[1] : Arrays.copyOf(children, children.length + 1);
                more[more.length - 1] = number;
                byOpportunity.put(parent, more);
            }
        }

        /** The row with this 18-character id, or {@code null}. */
        Row get(String id) {
            long number = SalesforceIds.number(id);
            Row row = number < 0 ? null : rows.get(number);
            return row != null && row.id().equals(id) ? row : null;
        }

        boolean contains(String id) {
            return get(id) != null;
        }

        /** Removes a row for good (a contact role deleted on its own). */
        void remove(Row row) {
            rows.remove(row.number());
            if (schema.opportunityId() != null) {
                long parent = SalesforceIds.number((String) row.get(schema.opportunityId()));
                byOpportunity.put(parent, Arrays.stream(byOpportunity.get(parent)).filter(number -> number != row.number()).toArray());
            }
        }

        /** The rows of an opportunity's children, oldest first. */
        List<Row> children(String opportunityId) {
            long parent = SalesforceIds.number(opportunityId);
            long[] numbers = parent < 0 ? null : byOpportunity.get(parent);
            if (numbers == null) {
                return List.of();
            }
            List<Row> children = new ArrayList<>(numbers.length);
            for (long number : numbers) {
                children.add(rows.get(number));
            }
            return children;
        }

        void clear() {
            rows.clear();
            byOpportunity.clear();
        }
    }

    /** Read access to the rows while the org's read lock is held. */
    interface View {
        /** Every row of {@code object}, deleted ones included, in id order. */
        Collection<Row> rows(ObjectSchema object);

        /** The row with this 18-character id in any object, or {@code null}. */
        Row byId(String id);

        /** The rows of a child relationship of one parent, in id order. */
        List<Row> children(ObjectSchema.ChildRelationship relationship, String parentId);
    }

    public SalesforceOrg(Playbook playbook, Clock clock, String integrationUsername) {
        this.playbook = Objects.requireNonNull(playbook, "playbook");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.integrationUsername = Objects.requireNonNull(integrationUsername, "integrationUsername");
        if (playbook.crm() != Crm.SALESFORCE) {
            throw new IllegalArgumentException("the Salesforce sandbox needs a Salesforce playbook, '" + playbook.name() + "' is for " + playbook.crm());
        }
        this.schema = SalesforceSchema.of(playbook);
        this.organizationId = SalesforceIds.of(SalesforceIds.ORGANIZATION, 1);
        this.integrationUserId = SalesforceIds.of(SalesforceIds.USER, 1);
        this.metadataModified = now();
        for (ObjectSchema object : schema.objects()) {
            tables.put(object.keyPrefix(), new Table(object));
        }
        indexStages();
        setUpMetadata();
    }

    // --- seeding -------------------------------------------------------------------------------------------------

    /**
     * Replaces every opportunity (with its history and contact roles) and every rep user by the given deals. Ids follow
     * the deals' {@code seq}, so the same deals always give the same ids. Not for use while clients are connected.
     */
    public void seed(Stream<SyntheticDeal> deals) {
        lock.writeLock().lock();
        try {
            table(SalesforceIds.OPPORTUNITY).clear();
            table(SalesforceIds.OPPORTUNITY_HISTORY).clear();
            table(SalesforceIds.OPPORTUNITY_CONTACT_ROLE).clear();
            Table users = table(SalesforceIds.USER);
            usersByRep.values().forEach(id -> users.remove(users.get(id)));
            usersByRep.clear();
            nextUser = 2;
            nextHistory = 1;
            nextContactRole = 1;
            nextOpportunity = 1;
        } finally {
            lock.writeLock().unlock();
        }
        synchronized (recent) {
            recent.clear();
        }
        long[] count = {0};
        deals.forEach(deal -> {
            insertDeal(deal, false);
            count[0]++;
        });
        LOG.infof("Salesforce sandbox seeded with %d opportunities", count[0]);
    }

    /** Adds one opportunity, as a rep creating it (a CREATE change is published). Returns its id. */
    public String insert(SyntheticDeal deal) {
        return insertDeal(deal, true);
    }

    /** The id the opportunity of deal {@code seq} gets. */
    public String opportunityId(int seq) {
        return SalesforceIds.of(SalesforceIds.OPPORTUNITY, seq + 1L);
    }

    /** The user id of a rep once one of his deals was seeded or inserted. */
    public Optional<String> userIdOfRep(String repId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(usersByRep.get(repId));
        } finally {
            lock.readLock().unlock();
        }
    }

    public String integrationUserId() {
        return integrationUserId;
    }

    public String integrationUsername() {
        return integrationUsername;
    }

    public String organizationId() {
        return organizationId;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** An opportunity's fields by API name (deleted ones too, with IsDeleted true), or empty. */
    public Optional<Map<String, Object>> opportunity(String id) {
        Row row = row(id);
        return row == null || !row.schema().name().equals(SalesforceSchema.OPPORTUNITY) ? Optional.empty() : Optional.of(toMap(row));
    }

    /** An opportunity's OpportunityHistory rows, oldest first. */
    public List<Map<String, Object>> opportunityHistory(String opportunityId) {
        return children("OpportunityHistories", opportunityId);
    }

    /** An opportunity's OpportunityContactRole rows, oldest first. */
    public List<Map<String, Object>> contactRoles(String opportunityId) {
        return children("OpportunityContactRoles", opportunityId);
    }

    private List<Map<String, Object>> children(String relationshipName, String opportunityId) {
        return read(view -> {
            ObjectSchema.ChildRelationship relationship = schema.require(SalesforceSchema.OPPORTUNITY).child(relationshipName);
            List<Map<String, Object>> rows = new ArrayList<>();
            view.children(relationship, normalizeOrSelf(opportunityId)).forEach(row -> rows.add(toMap(row)));
            return rows;
        });
    }

    /** The ids of all opportunities that are not deleted, in id order. */
    public List<String> opportunityIds() {
        return read(view -> {
            List<String> ids = new ArrayList<>();
            for (Row row : view.rows(schema.require(SalesforceSchema.OPPORTUNITY))) {
                if (!row.isDeleted()) {
                    ids.add(row.id());
                }
            }
            return ids;
        });
    }

    /** The most recent committed changes (up to 10,000), oldest first. */
    public List<OpportunityChange> recentChanges() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    public void addChangeListener(Consumer<OpportunityChange> listener) {
        listeners.add(listener);
    }

    public void removeChangeListener(Consumer<OpportunityChange> listener) {
        listeners.remove(listener);
    }

    // --- writing -------------------------------------------------------------------------------------------------

    /**
     * Updates an opportunity as {@code actorUserId} (a rep's user id for scenario changes), as an API update would:
     * values keyed by field API names (any case) as String, Number, Boolean, LocalDate or null.
     *
     * @throws SalesforceRecordException with Salesforce's error code when the write is refused
     */
    public void update(String id, Map<String, Object> values, String actorUserId) {
        commit(id, values, actorUserId, null, null);
    }

    /**
     * Test hook for a long transaction: commits the update stamped {@code stamp} (earlier than now), so a poller whose
     * high-water mark has passed {@code stamp} misses it unless it re-reads with an overlap.
     */
    public void lateCommit(String id, Map<String, Object> values, String actorUserId, Instant stamp) {
        commit(id, values, actorUserId, null, Objects.requireNonNull(stamp, "stamp"));
    }

    /**
     * Test hook for a bulk system process (a roll-up, a picklist rename): sets the SystemModstamp of every given
     * opportunity to the same second, changing nothing else.
     */
    public void setSystemModstamp(Collection<String> ids, Instant stamp) {
        Instant second = stamp.truncatedTo(ChronoUnit.SECONDS);
        lock.writeLock().lock();
        try {
            Table opportunities = table(SalesforceIds.OPPORTUNITY);
            for (String id : ids) {
                Row row = existingOpportunity(id);
                opportunities.put(row.with("SystemModstamp", second));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Test hook: gives an opportunity line items (or takes them away); with them, writes to Amount are ignored. */
    public void setHasLineItems(String id, boolean hasLineItems) {
        lock.writeLock().lock();
        try {
            table(SalesforceIds.OPPORTUNITY).put(existingOpportunity(id).with("HasOpportunityLineItem", hasLineItems));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Gives an opportunity {@code count} contact roles, as a rep adding stakeholders (or removing the latest ones) on the
     * Contact Roles related list: new OpportunityContactRole rows created and stamped now by the rep, removed ones
     * deleted outright (a contact role deleted on its own does not go to the recycle bin). The opportunity itself is
     * not modified, so its SystemModstamp stays: a poller sees the new count only with the opportunity's next change.
     */
    public void setContactRoles(String opportunityId, int count, String actorUserId) {
        if (count < 0) {
            throw new IllegalArgumentException("a contact role count is not negative, was " + count);
        }
        requireUser(actorUserId);
        lock.writeLock().lock();
        try {
            Row opportunity = existingOpportunity(opportunityId);
            if (opportunity.isDeleted()) {
                throw new SalesforceRecordException("ENTITY_IS_DELETED", "entity is deleted", List.of());
            }
            Table roles = table(SalesforceIds.OPPORTUNITY_CONTACT_ROLE);
            List<Row> current = roles.children(opportunity.id());
            Instant now = now();
            for (int i = current.size(); i < count; i++) {
                roles.put(contactRole(opportunity.id(), i == 0, i, now, actorUserId));
            }
            for (int i = current.size() - 1; i >= count; i--) {
                roles.remove(current.get(i));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Moves an opportunity to the recycle bin: IsDeleted true, visible only to queryAll. */
    public void delete(String id, String actorUserId) {
        setDeleted(id, true, actorUserId, null);
    }

    /** Restores an opportunity from the recycle bin. */
    public void undelete(String id, String actorUserId) {
        setDeleted(id, false, actorUserId, null);
    }

    // --- package API for the REST layer --------------------------------------------------------------------------

    SalesforceSchema schema() {
        return schema;
    }

    Instant metadataModified() {
        return metadataModified;
    }

    <T> T read(Function<View, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(view);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The current version of the record with this id (15 or 18 characters, any object), or {@code null}. */
    Row row(String id) {
        String normalized = SalesforceIds.normalize(id);
        if (normalized == null) {
            return null;
        }
        lock.readLock().lock();
        try {
            return view.byId(normalized);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Resolves written field names and turns the values into the fields' types: an unknown field is
     * {@code INVALID_FIELD}, a value of the wrong shape {@code JSON_PARSER_ERROR} (the whole request fails on either).
     */
    Map<FieldDef, Object> resolve(ObjectSchema object, Map<String, Object> values) {
        Map<FieldDef, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDef field = object.field(entry.getKey());
            if (field == null) {
                throw new SalesforceRecordException("INVALID_FIELD", "No such column '" + entry.getKey() + "' on sobject of type " + object.name(),
                        List.of());
            }
            resolved.put(field, FieldValues.coerce(field, entry.getValue()));
        }
        return resolved;
    }

    /**
     * Updates opportunities in one transaction, one result per record in order. With {@code allOrNone}, one failure
     * fails every record (the others with {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}) and nothing is written.
     */
    List<SaveResult> updateAll(List<Map.Entry<String, Map<FieldDef, Object>>> records, boolean allOrNone, String actorUserId, String client) {
        List<OpportunityChange> changes = new ArrayList<>();
        List<SaveResult> results = new ArrayList<>();
        lock.writeLock().lock();
        try {
            Instant now = now();
            Map<String, Integer> occurrences = new HashMap<>();
            records.forEach(record -> occurrences.merge(String.valueOf(SalesforceIds.normalize(record.getKey())), 1, Integer::sum));
            List<Staged> staged = new ArrayList<>();
            for (Map.Entry<String, Map<FieldDef, Object>> record : records) {
                String normalized = SalesforceIds.normalize(record.getKey());
                if (normalized != null && occurrences.get(normalized) > 1) {
                    staged.add(null);
                    results.add(SaveResult.failed(null, List.of(SaveError.of("DUPLICATE_VALUE", "Duplicate id in list: " + normalized))));
                    continue;
                }
                try {
                    Staged change = stage(record.getKey(), record.getValue(), actorUserId, client, now);
                    staged.add(change);
                    results.add(SaveResult.ok(change.row.id()));
                } catch (SalesforceRecordException e) {
                    staged.add(null);
                    results.add(SaveResult.failed(null, e.errors()));
                }
            }
            if (allOrNone && results.stream().anyMatch(result -> !result.success())) {
                return rolledBack(results);
            }
            for (Staged change : staged) {
                if (change != null) {
                    apply(change);
                    changes.add(change.change);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        publish(changes);
        return results;
    }

    /**
     * Creates opportunities in one transaction as {@code actorUserId}, one result per record in order, as the sObject
     * create and the create collection do: Name, StageName and CloseDate are required ({@code REQUIRED_FIELD_MISSING}
     * names every one missing), read-only fields and an Id are refused, the rest defaults as in Salesforce (owner and
     * creator the caller, the default record type, the corporate currency, the stage's probability, forecast category
     * and closed flags); each new record gets an OpportunityHistory row and is published as a CREATE change. With
     * {@code allOrNone}, one failure fails every record and nothing is written.
     */
    List<SaveResult> insertAll(List<Map<FieldDef, Object>> records, boolean allOrNone, String actorUserId, String client) {
        List<OpportunityChange> changes = new ArrayList<>();
        List<SaveResult> results = new ArrayList<>();
        lock.writeLock().lock();
        try {
            Instant now = now();
            long number = nextOpportunity;
            List<Staged> staged = new ArrayList<>();
            for (Map<FieldDef, Object> record : records) {
                while (table(SalesforceIds.OPPORTUNITY).rows.contains(number)) {
                    number++;
                }
                try {
                    Staged created = stageInsert(record, SalesforceIds.of(SalesforceIds.OPPORTUNITY, number), actorUserId, client, now);
                    number++;
                    staged.add(created);
                    results.add(SaveResult.ok(created.row.id()));
                } catch (SalesforceRecordException e) {
                    results.add(SaveResult.failed(null, e.errors()));
                }
            }
            if (allOrNone && results.stream().anyMatch(result -> !result.success())) {
                return rolledBack(results);
            }
            nextOpportunity = number;
            for (Staged created : staged) {
                apply(created);
                changes.add(created.change);
            }
        } finally {
            lock.writeLock().unlock();
        }
        publish(changes);
        return results;
    }

    private static List<SaveResult> rolledBack(List<SaveResult> results) {
        List<SaveResult> rolledBack = new ArrayList<>();
        for (SaveResult result : results) {
            rolledBack.add(result.success() ? SaveResult.failed(null, List.of(SaveError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK))) : result);
        }
        return rolledBack;
    }

    /** Moves an opportunity to the recycle bin through the API, remembering the writer's client. */
    void delete(String id, String actorUserId, String client) {
        setDeleted(id, true, actorUserId, client);
    }

    boolean isUser(String id) {
        Row row = row(id);
        return row != null && row.schema().name().equals(SalesforceSchema.USER);
    }

    // --- internals -----------------------------------------------------------------------------------------------

    private final View view = new View() {
        @Override
        public Collection<Row> rows(ObjectSchema object) {
            return table(object.keyPrefix()).rows.values();
        }

        @Override
        public Row byId(String id) {
            Table table = tables.get(id.substring(0, 3));
            return table == null ? null : table.get(id);
        }

        @Override
        public List<Row> children(ObjectSchema.ChildRelationship relationship, String parentId) {
            return table(schema.require(relationship.childObject()).keyPrefix()).children(parentId);
        }
    };

    /** A validated change of one opportunity, ready to apply. */
    private static final class Staged {
        final Row row;
        final Row history;
        final OpportunityChange change;

        Staged(Row row, Row history, OpportunityChange change) {
            this.row = row;
            this.history = history;
            this.change = change;
        }
    }

    private void commit(String id, Map<String, Object> values, String actorUserId, String client, Instant stamp) {
        requireUser(actorUserId);
        Map<FieldDef, Object> resolved = resolve(schema.require(SalesforceSchema.OPPORTUNITY), values);
        Staged change;
        lock.writeLock().lock();
        try {
            change = stage(id, resolved, actorUserId, client, stamp == null ? now() : stamp.truncatedTo(ChronoUnit.SECONDS));
            apply(change);
        } finally {
            lock.writeLock().unlock();
        }
        publish(List.of(change.change));
    }

    /** Validates a change against the current record and computes the new version; writes nothing. */
    private Staged stage(String rawId, Map<FieldDef, Object> values, String actorUserId, String client, Instant now) {
        Row current = opportunityForWrite(rawId);
        List<SaveError> errors = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        Map<FieldDef, Object> next = new LinkedHashMap<>();
        for (Map.Entry<FieldDef, Object> entry : values.entrySet()) {
            FieldDef field = entry.getKey();
            if (!field.updateable()) {
                readOnly.add(field.name());
                continue;
            }
            try {
                next.put(field, shared(checkValue(field, entry.getValue())));
            } catch (SalesforceRecordException e) {
                errors.addAll(e.errors());
            }
        }
        if (!readOnly.isEmpty()) {
            errors.add(0, readOnlyError(readOnly));
        }
        if (!errors.isEmpty()) {
            throw new SalesforceRecordException(errors);
        }
        ObjectSchema opportunity = current.schema();
        if (Boolean.TRUE.equals(current.get("HasOpportunityLineItem"))) {
            next.remove(opportunity.require("Amount"));
        }
        FieldDef stageName = opportunity.require("StageName");
        if (next.containsKey(stageName) && !FieldValues.same(next.get(stageName), current.get(stageName))) {
            StageInfo info = stages.get((String) next.get(stageName));
            next.putIfAbsent(opportunity.require("Probability"), info.defaultProbability());
            derive(opportunity, info, next);
            next.put(opportunity.require("LastStageChangeDate"), now);
        }
        if (next.containsKey(opportunity.require("RecordTypeId")) && next.get(opportunity.require("RecordTypeId")) == null) {
            next.put(opportunity.require("RecordTypeId"), recordTypesByName.get(NEW_BUSINESS));
        }
        next.put(opportunity.require("LastModifiedDate"), now);
        next.put(opportunity.require("SystemModstamp"), now);
        next.put(opportunity.require("LastModifiedById"), actorUserId);
        Row updated = current.with(next);
        updated = updated.with("ExpectedRevenue", expectedRevenue(updated));
        Map<String, Object> changed = new LinkedHashMap<>();
        for (FieldDef field : opportunity.fields()) {
            if (!STAMP_FIELDS.contains(field.name()) && !FieldValues.same(current.get(field), updated.get(field))) {
                changed.put(field.name(), updated.get(field));
            }
        }
        Row history = changed.keySet().stream().anyMatch(HISTORY_FIELDS::contains) ? historyRow(current, updated, actorUserId, now) : null;
        return new Staged(updated, history, new OpportunityChange(updated.id(), OpportunityChange.Kind.UPDATE, now, changed, actorUserId, client));
    }

    /** The one shared object of a date value (other values as they are); called under the write lock. */
    private Object shared(Object value) {
        return value instanceof LocalDate ? days.computeIfAbsent((LocalDate) value, day -> day) : value;
    }

    private static SaveError readOnlyError(List<String> fields) {
        return new SaveError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + String.join(", ", fields)
                + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.", fields);
    }

    /** Validates a new opportunity and builds it (with its first history row); writes nothing. */
    private Staged stageInsert(Map<FieldDef, Object> given, String id, String actorUserId, String client, Instant now) {
        ObjectSchema opportunity = schema.require(SalesforceSchema.OPPORTUNITY);
        List<SaveError> errors = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Object> set = new LinkedHashMap<>();
        for (Map.Entry<FieldDef, Object> entry : given.entrySet()) {
            FieldDef field = entry.getKey();
            if (field.index() == 0) {
                errors.add(new SaveError("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", List.of(field.name())));
            } else if (!field.createable()) {
                readOnly.add(field.name());
            } else if (entry.getValue() != null || !REQUIRED_ON_INSERT.contains(field.name())) {
                try {
                    set.put(field.name(), shared(checkValue(field, entry.getValue())));
                } catch (SalesforceRecordException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        for (String required : REQUIRED_ON_INSERT) {
            if (given.get(opportunity.require(required)) == null) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            errors.add(new SaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
        }
        if (!readOnly.isEmpty()) {
            errors.add(0, readOnlyError(readOnly));
        }
        if (!errors.isEmpty()) {
            throw new SalesforceRecordException(errors);
        }
        StageInfo info = stages.get((String) set.get("StageName"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("RecordTypeId", recordTypesByName.get(NEW_BUSINESS));
        values.put("Probability", info.defaultProbability());
        values.put("CurrencyIsoCode", playbook.currency());
        values.put("OwnerId", actorUserId);
        values.putAll(set);
        if (values.get("RecordTypeId") == null) {
            values.put("RecordTypeId", recordTypesByName.get(NEW_BUSINESS));
        }
        values.put("IsClosed", info.closed());
        values.put("IsWon", info.won());
        values.put("ForecastCategory", info.forecastCategory());
        values.put("ForecastCategoryName", info.forecastCategoryName());
        values.put("HasOpportunityLineItem", false);
        values.put("CreatedDate", now);
        values.put("CreatedById", actorUserId);
        values.put("LastModifiedDate", now);
        values.put("LastModifiedById", actorUserId);
        values.put("SystemModstamp", now);
        values.put("LastStageChangeDate", now);
        Row row = Row.of(opportunity, values);
        row = row.with("ExpectedRevenue", expectedRevenue(row));
        Map<String, Object> created = new LinkedHashMap<>();
        for (FieldDef field : opportunity.fields()) {
            if (row.get(field) != null) {
                created.put(field.name(), row.get(field));
            }
        }
        return new Staged(row, historyRow(null, row, actorUserId, now),
                new OpportunityChange(id, OpportunityChange.Kind.CREATE, now, created, actorUserId, client));
    }

    /** Checks one written value; Salesforce's own rules for the standard fields come on top of the type's. */
    private Object checkValue(FieldDef field, Object value) {
        Object checked = FieldValues.validate(field, value);
        switch (field.name()) {
            case "Probability":
                if (checked != null && (((BigDecimal) checked).signum() < 0 || ((BigDecimal) checked).compareTo(BigDecimal.valueOf(100)) > 0)) {
                    throw FieldValues.outOfRange(field, value);
                }
                return checked;
            case "OwnerId":
                if (SalesforceIds.normalize((String) checked) == null) {
                    throw new SalesforceRecordException("MALFORMED_ID", field.label() + ": id value of incorrect type: " + checked, List.of(field.name()));
                }
                Row owner = view.byId(SalesforceIds.normalize((String) checked));
                if (owner == null || !owner.schema().name().equals(SalesforceSchema.USER) || !Boolean.TRUE.equals(owner.get("IsActive"))) {
                    throw new SalesforceRecordException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of(field.name()));
                }
                return owner.id();
            case "RecordTypeId":
                if (checked == null) {
                    return null;
                }
                String recordType = SalesforceIds.normalize((String) checked);
                if (recordType == null || !recordTypesByName.containsValue(recordType)) {
                    throw new SalesforceRecordException("INVALID_CROSS_REFERENCE_KEY",
                            "Record Type ID: this ID value isn't valid for the user: " + checked, List.of(field.name()));
                }
                return recordType;
            default:
                return checked;
        }
    }

    private Row opportunityForWrite(String rawId) {
        String id = SalesforceIds.normalize(rawId);
        if (id == null || !id.startsWith(SalesforceIds.OPPORTUNITY)) {
            throw new SalesforceRecordException("MALFORMED_ID", "Opportunity ID: id value of incorrect type: " + rawId, List.of("Id"));
        }
        Row current = table(SalesforceIds.OPPORTUNITY).get(id);
        if (current == null) {
            throw new SalesforceRecordException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
        }
        if (current.isDeleted()) {
            throw new SalesforceRecordException("ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        return current;
    }

    private void apply(Staged change) {
        table(SalesforceIds.OPPORTUNITY).put(change.row);
        if (change.history != null) {
            table(SalesforceIds.OPPORTUNITY_HISTORY).put(change.history);
        }
    }

    private void publish(List<OpportunityChange> changes) {
        synchronized (recent) {
            for (OpportunityChange change : changes) {
                recent.addLast(change);
                if (recent.size() > RECENT_CHANGES) {
                    recent.removeFirst();
                }
            }
        }
        for (OpportunityChange change : changes) {
            for (Consumer<OpportunityChange> listener : listeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a change listener failed on %s", change.opportunityId());
                }
            }
        }
    }

    private void setDeleted(String id, boolean deleted, String actorUserId, String client) {
        requireUser(actorUserId);
        OpportunityChange change;
        lock.writeLock().lock();
        try {
            Row current = existingOpportunity(id);
            if (current.isDeleted() == deleted) {
                throw new SalesforceRecordException(deleted ? "ENTITY_IS_DELETED" : "UNDELETE_FAILED",
                        deleted ? "entity is deleted" : "Entity is not in the recycle bin", List.of());
            }
            Instant now = now();
            table(SalesforceIds.OPPORTUNITY).put(current.with("IsDeleted", deleted).with("SystemModstamp", now).with("LastModifiedDate", now)
                    .with("LastModifiedById", actorUserId));
            for (String child : List.of(SalesforceIds.OPPORTUNITY_HISTORY, SalesforceIds.OPPORTUNITY_CONTACT_ROLE)) {
                Table table = table(child);
                for (Row row : table.children(current.id())) {
                    table.put(row.with("IsDeleted", deleted).with("SystemModstamp", now));
                }
            }
            change = new OpportunityChange(current.id(), deleted ? OpportunityChange.Kind.DELETE : OpportunityChange.Kind.UNDELETE, now,
                    Map.of("IsDeleted", deleted), actorUserId, client);
        } finally {
            lock.writeLock().unlock();
        }
        publish(List.of(change));
    }

    private Row existingOpportunity(String id) {
        String normalized = SalesforceIds.normalize(id);
        Row row = normalized == null ? null : table(SalesforceIds.OPPORTUNITY).get(normalized);
        if (row == null) {
            throw new IllegalArgumentException("no opportunity with id " + id);
        }
        return row;
    }

    private void requireUser(String userId) {
        if (userId == null || !isUser(userId)) {
            throw new IllegalArgumentException("the actor must be a user of the org, was " + userId);
        }
    }

    private String insertDeal(SyntheticDeal deal, boolean publish) {
        OpportunityChange change;
        lock.writeLock().lock();
        try {
            ObjectSchema opportunity = schema.require(SalesforceSchema.OPPORTUNITY);
            String id = opportunityId(deal.seq());
            if (table(SalesforceIds.OPPORTUNITY).contains(id)) {
                throw new IllegalArgumentException("deal " + deal.seq() + " is already in the org as " + id);
            }
            nextOpportunity = Math.max(nextOpportunity, deal.seq() + 2L);
            StageInfo info = stages.get(deal.stage());
            if (info == null) {
                throw new IllegalArgumentException("deal " + deal.seq() + " is in stage '" + deal.stage() + "', which is no OpportunityStage of playbook '"
                        + playbook.name() + "'");
            }
            String owner = userFor(deal.owner());
            Instant created = deal.createdAt() == null ? now() : deal.createdAt().truncatedTo(ChronoUnit.SECONDS);
            List<StageChange> moves = deal.history().isEmpty() ? List.of(new StageChange(deal.stage(), created)) : deal.history();
            Instant lastMove = moves.get(moves.size() - 1).at().truncatedTo(ChronoUnit.SECONDS);
            Instant modified = lastMove.isAfter(created) ? lastMove : created;
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("Id", id);
            values.put("RecordTypeId", recordTypeFor(deal));
            values.put("Name", deal.name());
            values.put("StageName", deal.stage());
            values.put("Amount", deal.amount() == null ? null : deal.amount().setScale(2, RoundingMode.HALF_UP));
            values.put("Probability", info.defaultProbability());
            values.put("CloseDate", shared(deal.closeDate() == null ? created.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(90) : deal.closeDate()));
            values.put("IsClosed", info.closed());
            values.put("IsWon", info.won());
            values.put("ForecastCategory", info.forecastCategory());
            values.put("ForecastCategoryName", info.forecastCategoryName());
            values.put("CurrencyIsoCode", deal.currency() == null ? playbook.currency() : deal.currency());
            values.put("HasOpportunityLineItem", deal.related().getOrDefault("OpportunityLineItems", 0) > 0);
            values.put("OwnerId", owner);
            values.put("CreatedDate", created);
            values.put("CreatedById", owner);
            values.put("LastModifiedDate", modified);
            values.put("LastModifiedById", owner);
            values.put("SystemModstamp", modified);
            values.put("LastStageChangeDate", lastMove);
            customFields(deal, opportunity, values);
            Row row = Row.of(opportunity, values);
            row = row.with("ExpectedRevenue", expectedRevenue(row));
            table(SalesforceIds.OPPORTUNITY).put(row);
            seedHistory(row, moves, owner);
            seedContactRoles(row, deal, owner);
            change = new OpportunityChange(id, OpportunityChange.Kind.CREATE, modified, values, owner, null);
        } finally {
            lock.writeLock().unlock();
        }
        if (publish) {
            publish(List.of(change));
        }
        return change.opportunityId();
    }

    private void customFields(SyntheticDeal deal, ObjectSchema opportunity, Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : deal.fields().entrySet()) {
            FieldDef field = opportunity.field(entry.getKey());
            if (field == null || !field.custom()) {
                LOG.debugf("deal %d: field %s is not a criteria field of the playbook; left out", deal.seq(), entry.getKey());
                continue;
            }
            values.put(field.name(), shared(FieldValues.validate(field, FieldValues.coerce(field, entry.getValue()))));
        }
    }

    /** One history row per recorded stage move, each with the deal's amount and close date (the generator has no older ones). */
    private void seedHistory(Row opportunity, List<StageChange> moves, String owner) {
        BigDecimal previousAmount = null;
        Object previousClose = null;
        for (StageChange move : moves) {
            StageInfo info = stages.get(move.stage());
            Map<String, Object> values = new LinkedHashMap<>();
            Instant at = move.at().truncatedTo(ChronoUnit.SECONDS);
            BigDecimal amount = (BigDecimal) opportunity.get("Amount");
            BigDecimal probability = info == null ? null : info.defaultProbability();
            values.put("Id", nextHistory++);
            values.put("OpportunityId", opportunity.id());
            values.put("CreatedById", owner);
            values.put("CreatedDate", at);
            values.put("StageName", move.stage());
            values.put("Amount", amount);
            values.put("ExpectedRevenue", revenue(amount, probability));
            values.put("CloseDate", opportunity.get("CloseDate"));
            values.put("Probability", probability);
            values.put("ForecastCategory", info == null ? null : info.forecastCategory());
            values.put("PrevAmount", previousAmount);
            values.put("PrevCloseDate", previousClose);
            values.put("CurrencyIsoCode", opportunity.get("CurrencyIsoCode"));
            values.put("SystemModstamp", at);
            table(SalesforceIds.OPPORTUNITY_HISTORY).put(Row.of(schema.require(SalesforceSchema.OPPORTUNITY_HISTORY), values));
            previousAmount = amount;
            previousClose = opportunity.get("CloseDate");
        }
    }

    private void seedContactRoles(Row opportunity, SyntheticDeal deal, String owner) {
        int count = deal.related().getOrDefault("OpportunityContactRoles", 0);
        Instant created = (Instant) opportunity.get("CreatedDate");
        for (int i = 0; i < count; i++) {
            table(SalesforceIds.OPPORTUNITY_CONTACT_ROLE).put(contactRole(opportunity.id(), i == 0, deal.seq() + i, created, owner));
        }
    }

    /** A new contact role of a new contact; {@code roleIndex} picks the role from the picklist, cycling. */
    private Row contactRole(String opportunityId, boolean primary, int roleIndex, Instant created, String owner) {
        long number = nextContactRole++;
        Map<String, Object> values = new LinkedHashMap<>();
        Long shared = number;
        values.put("Id", shared);
        values.put("OpportunityId", opportunityId);
        values.put("ContactId", shared);
        values.put("Role", SalesforceSchema.CONTACT_ROLES.get(Math.floorMod(roleIndex, SalesforceSchema.CONTACT_ROLES.size())));
        values.put("IsPrimary", primary);
        values.put("CreatedDate", created);
        values.put("CreatedById", owner);
        values.put("LastModifiedDate", created);
        values.put("LastModifiedById", owner);
        values.put("SystemModstamp", created);
        return Row.of(schema.require(SalesforceSchema.OPPORTUNITY_CONTACT_ROLE), values);
    }

    /** The history row of a write: the new snapshot, with the previous amount and close date ({@code before} null on insert). */
    private Row historyRow(Row before, Row after, String actorUserId, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", nextHistory++);
        values.put("OpportunityId", after.id());
        values.put("CreatedById", actorUserId);
        values.put("CreatedDate", now);
        values.put("StageName", after.get("StageName"));
        values.put("Amount", after.get("Amount"));
        values.put("ExpectedRevenue", after.get("ExpectedRevenue"));
        values.put("CloseDate", after.get("CloseDate"));
        values.put("Probability", after.get("Probability"));
        values.put("ForecastCategory", after.get("ForecastCategory"));
        values.put("PrevAmount", before == null ? null : before.get("Amount"));
        values.put("PrevCloseDate", before == null ? null : before.get("CloseDate"));
        values.put("CurrencyIsoCode", after.get("CurrencyIsoCode"));
        values.put("SystemModstamp", now);
        return Row.of(schema.require(SalesforceSchema.OPPORTUNITY_HISTORY), values);
    }

    private static void derive(ObjectSchema opportunity, StageInfo info, Map<FieldDef, Object> next) {
        next.put(opportunity.require("ForecastCategoryName"), info.forecastCategoryName());
        next.put(opportunity.require("ForecastCategory"), info.forecastCategory());
        next.put(opportunity.require("IsClosed"), info.closed());
        next.put(opportunity.require("IsWon"), info.won());
    }

    private static BigDecimal expectedRevenue(Row row) {
        return revenue((BigDecimal) row.get("Amount"), (BigDecimal) row.get("Probability"));
    }

    private static BigDecimal revenue(BigDecimal amount, BigDecimal probability) {
        if (amount == null || probability == null) {
            return null;
        }
        return amount.multiply(probability).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    private String userFor(Rep rep) {
        String existing = usersByRep.get(rep.id());
        if (existing != null) {
            return existing;
        }
        String id = SalesforceIds.of(SalesforceIds.USER, nextUser++);
        String domain = integrationUsername.contains("@") ? integrationUsername.substring(integrationUsername.indexOf('@') + 1) : "stagegate.sandbox";
        String login = rep.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", ".") + "@" + domain;
        addUser(id, login, rep.name());
        usersByRep.put(rep.id(), id);
        return id;
    }

    private void addUser(String id, String username, String name) {
        int space = name.lastIndexOf(' ');
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("Username", username);
        values.put("Name", name);
        values.put("FirstName", space > 0 ? name.substring(0, space) : null);
        values.put("LastName", space > 0 ? name.substring(space + 1) : name);
        values.put("Email", username);
        values.put("IsActive", true);
        values.put("UserType", "Standard");
        values.put("CreatedDate", metadataModified);
        values.put("LastModifiedDate", metadataModified);
        values.put("SystemModstamp", metadataModified);
        table(SalesforceIds.USER).put(Row.of(schema.require(SalesforceSchema.USER), values));
    }

    /**
     * The record type of a deal: the one its playbook pipeline names (by id or developer name) or the one named like
     * the pipeline; a deal of a pipeline that names none is a Renewal every fifth deal, else New Business.
     */
    private String recordTypeFor(SyntheticDeal deal) {
        for (Pipeline pipeline : playbook.pipelines()) {
            if (pipeline.key().equals(deal.pipeline())) {
                for (String crmPipeline : pipeline.crmPipelines()) {
                    String match = recordType(crmPipeline);
                    if (match != null) {
                        return match;
                    }
                }
            }
        }
        String named = recordType(deal.pipeline());
        if (named != null) {
            return named;
        }
        return recordTypesByName.get(deal.seq() % 5 == 4 ? RENEWAL : NEW_BUSINESS);
    }

    private String recordType(String idOrName) {
        for (Map.Entry<String, String> entry : recordTypesByName.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(idOrName) || entry.getValue().equals(SalesforceIds.normalize(idOrName))) {
                return entry.getValue();
            }
        }
        return null;
    }

    private void indexStages() {
        int sortOrder = 1;
        for (Pipeline pipeline : playbook.pipelines()) {
            for (JourneyStage stage : pipeline.stages()) {
                String category = io.stagegate.playbook.CrmDialects.SALESFORCE.forecastCategory(stage.forecastCategory());
                for (CrmStage crmStage : stage.crmStages()) {
                    if (!stages.containsKey(crmStage.value())) {
                        stages.put(crmStage.value(), new StageInfo(crmStage.value(), sortOrder++, percent(crmStage), category, false, false));
                    }
                }
            }
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            for (CrmStage crmStage : pipeline.won().crmStages()) {
                stages.putIfAbsent(crmStage.value(), new StageInfo(crmStage.value(), sortOrder++, percent(crmStage), "Closed", true, true));
            }
        }
        for (Pipeline pipeline : playbook.pipelines()) {
            for (CrmStage crmStage : pipeline.lost().crmStages()) {
                stages.putIfAbsent(crmStage.value(), new StageInfo(crmStage.value(), sortOrder++, percent(crmStage), "Omitted", true, false));
            }
        }
    }

    private static BigDecimal percent(CrmStage stage) {
        return stage.probability().multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP);
    }

    private void setUpMetadata() {
        addUser(integrationUserId, integrationUsername, "Integration User");
        ObjectSchema stageSchema = schema.require(SalesforceSchema.OPPORTUNITY_STAGE);
        long number = 1;
        for (StageInfo info : stages.values()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("Id", SalesforceIds.of(SalesforceIds.OPPORTUNITY_STAGE, number++));
            values.put("MasterLabel", info.value());
            values.put("ApiName", info.value());
            values.put("IsActive", true);
            values.put("SortOrder", info.sortOrder());
            values.put("IsClosed", info.closed());
            values.put("IsWon", info.won());
            values.put("ForecastCategory", info.forecastCategory());
            values.put("ForecastCategoryName", info.forecastCategoryName());
            values.put("DefaultProbability", info.defaultProbability());
            values.putAll(audit());
            table(SalesforceIds.OPPORTUNITY_STAGE).put(Row.of(stageSchema, values));
        }
        addRecordType(1, NEW_BUSINESS, "New Business", "New customers");
        addRecordType(2, RENEWAL, "Renewal", "Renewals and upsells of existing customers");
    }

    private void addRecordType(long number, String developerName, String name, String description) {
        String id = SalesforceIds.of(SalesforceIds.RECORD_TYPE, number);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("Name", name);
        values.put("DeveloperName", developerName);
        values.put("Description", description);
        values.put("SobjectType", SalesforceSchema.OPPORTUNITY);
        values.put("IsActive", true);
        values.putAll(audit());
        table(SalesforceIds.RECORD_TYPE).put(Row.of(schema.require(SalesforceSchema.RECORD_TYPE), values));
        recordTypesByName.put(developerName, id);
    }

    private Map<String, Object> audit() {
        return Map.of("CreatedById", integrationUserId, "CreatedDate", metadataModified, "LastModifiedById", integrationUserId,
                "LastModifiedDate", metadataModified, "SystemModstamp", metadataModified);
    }

    private Table table(String keyPrefix) {
        return tables.get(keyPrefix);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String normalizeOrSelf(String id) {
        String normalized = SalesforceIds.normalize(id);
        return normalized == null ? id : normalized;
    }

    static Map<String, Object> toMap(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef field : row.schema().fields()) {
            values.put(field.name(), row.get(field));
        }
        return values;
    }
}

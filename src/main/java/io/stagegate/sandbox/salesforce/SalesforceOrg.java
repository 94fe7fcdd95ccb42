package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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

    private final SalesforceSchema schema;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final OrgStore store;
    private final OrgCatalog catalog;
    private final OpportunityWrites writes;
    private final ContactRoles contactRoles;
    private final DealSeeder seeder;
    private final BatchSaves batches;
    private final ChangeFeed feed = new ChangeFeed();
    private final String organizationId;
    private final String integrationUserId;
    private final String integrationUsername;
    private final Instant metadataModified;

    public SalesforceOrg(Playbook playbook, Clock clock, String integrationUsername) {
        Objects.requireNonNull(playbook, "playbook");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.integrationUsername = Objects.requireNonNull(integrationUsername, "integrationUsername");
        if (playbook.crm() != Crm.SALESFORCE) {
            throw new IllegalArgumentException("the Salesforce sandbox needs a Salesforce playbook, '" + playbook.name() + "' is for " + playbook.crm());
        }
        this.schema = SalesforceSchema.of(playbook);
        this.organizationId = SalesforceIds.of(SalesforceIds.ORGANIZATION, 1);
        this.integrationUserId = SalesforceIds.of(SalesforceIds.USER, 1);
        this.metadataModified = now();
        this.store = new OrgStore(schema);
        this.catalog = new OrgCatalog(playbook, schema, store, integrationUserId, integrationUsername, metadataModified);
        this.writes = new OpportunityWrites(playbook, schema, store, catalog);
        this.contactRoles = new ContactRoles(schema, store);
        this.seeder = new DealSeeder(playbook, schema, clock, store, catalog, contactRoles);
        this.batches = new BatchSaves(store, writes);
    }

    // --- seeding -------------------------------------------------------------------------------------------------

    /**
     * Replaces every opportunity (with its history and contact roles) and every rep user by the given deals. Ids follow
     * the deals' {@code seq}, so the same deals always give the same ids. Not for use while clients are connected.
     */
    public void seed(Stream<SyntheticDeal> deals) {
        write(() -> {
            store.clearOpportunities();
            catalog.forgetRepUsers();
            return null;
        });
        feed.clear();
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
        return read(view -> Optional.ofNullable(catalog.userOfRep(repId)));
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
        return row == null || !row.schema().name().equals(SalesforceSchema.OPPORTUNITY) ? Optional.empty() : Optional.of(OrgStore.values(row));
    }

    /** An opportunity's OpportunityHistory rows, oldest first. */
    public List<Map<String, Object>> opportunityHistory(String opportunityId) {
        return children("OpportunityHistories", opportunityId);
    }

    /** An opportunity's OpportunityFieldHistory rows (tracked fields only), oldest first. */
    public List<Map<String, Object>> opportunityFieldHistory(String opportunityId) {
        return children("Histories", opportunityId);
    }

    /** An opportunity's OpportunityContactRole rows, oldest first. */
    public List<Map<String, Object>> contactRoles(String opportunityId) {
        return children("OpportunityContactRoles", opportunityId);
    }

    private List<Map<String, Object>> children(String relationshipName, String opportunityId) {
        return read(view -> store.childValues(schema.require(SalesforceSchema.OPPORTUNITY).child(relationshipName), opportunityId));
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
        return feed.recent();
    }

    public void addChangeListener(Consumer<OpportunityChange> listener) {
        feed.addListener(listener);
    }

    public void removeChangeListener(Consumer<OpportunityChange> listener) {
        feed.removeListener(listener);
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
        write(() -> {
            OrgTable opportunities = table(SalesforceIds.OPPORTUNITY);
            for (String id : ids) {
                Row row = store.existingOpportunity(id);
                opportunities.put(row.with("SystemModstamp", second));
            }
            return null;
        });
    }

    /** Test hook: gives an opportunity line items (or takes them away); with them, writes to Amount are ignored. */
    public void setHasLineItems(String id, boolean hasLineItems) {
        write(() -> {
            table(SalesforceIds.OPPORTUNITY).put(store.existingOpportunity(id).with("HasOpportunityLineItem", hasLineItems));
            return null;
        });
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
        write(() -> {
            Row opportunity = store.existingOpportunity(opportunityId);
            if (opportunity.isDeleted()) {
                throw new SalesforceRecordException("ENTITY_IS_DELETED", "entity is deleted", List.of());
            }
            contactRoles.set(opportunity, count, actorUserId, now());
            return null;
        });
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

    <T> T read(Function<OrgView, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(store);
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
        return read(view -> view.byId(normalized));
    }

    /**
     * Updates opportunities in one transaction, one result per record in order. With {@code allOrNone}, one failure
     * fails every record (the others with {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}) and nothing is written.
     */
    List<SaveResult> updateAll(List<Map.Entry<String, Map<FieldDef, Object>>> records, boolean allOrNone, String actorUserId, String client) {
        List<OpportunityChange> changes = new ArrayList<>();
        List<SaveResult> results = write(() -> batches.updateAll(records, allOrNone, actorUserId, client, now(), changes));
        feed.publish(changes);
        return results;
    }

    /**
     * Creates opportunities in one transaction as {@code actorUserId}, one result per record in order, as the sObject
     * create and the create collection do (the rules: {@link OpportunityWrites#stageInsert}); each is published as a
     * CREATE change. With {@code allOrNone}, one failure fails every record and nothing is written.
     */
    List<SaveResult> insertAll(List<Map<FieldDef, Object>> records, boolean allOrNone, String actorUserId, String client) {
        List<OpportunityChange> changes = new ArrayList<>();
        List<SaveResult> results = write(() -> batches.insertAll(records, allOrNone, actorUserId, client, now(), changes));
        feed.publish(changes);
        return results;
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

    private void commit(String id, Map<String, Object> values, String actorUserId, String client, Instant stamp) {
        requireUser(actorUserId);
        Map<FieldDef, Object> resolved = FieldValues.resolve(schema.require(SalesforceSchema.OPPORTUNITY), values);
        OpportunityWrites.Staged change = write(() -> {
            OpportunityWrites.Staged staged = writes.stage(id, resolved, actorUserId, client, stamp == null ? now() : stamp.truncatedTo(ChronoUnit.SECONDS));
            writes.apply(staged);
            return staged;
        });
        feed.publish(List.of(change.change));
    }

    private void setDeleted(String id, boolean deleted, String actorUserId, String client) {
        requireUser(actorUserId);
        OpportunityChange change = write(() -> {
            Row current = store.existingOpportunity(id);
            if (current.isDeleted() == deleted) {
                throw new SalesforceRecordException(deleted ? "ENTITY_IS_DELETED" : "UNDELETE_FAILED",
                        deleted ? "entity is deleted" : "Entity is not in the recycle bin", List.of());
            }
            return writes.recycle(current, deleted, actorUserId, client, now());
        });
        feed.publish(List.of(change));
    }

    private void requireUser(String userId) {
        if (userId == null || !isUser(userId)) {
            throw new IllegalArgumentException("the actor must be a user of the org, was " + userId);
        }
    }

    private String insertDeal(SyntheticDeal deal, boolean publish) {
        OpportunityChange change = write(() -> seeder.insert(deal, opportunityId(deal.seq())));
        if (publish) {
            feed.publish(List.of(change));
        }
        return change.opportunityId();
    }

    /** Runs {@code work} under the write lock. */
    private <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private OrgTable table(String keyPrefix) {
        return store.table(keyPrefix);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}

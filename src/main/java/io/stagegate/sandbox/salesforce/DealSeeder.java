package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.sandbox.org.PastChange;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns a synthetic deal into the rows Salesforce would hold for it: the opportunity (owned by the rep's user), one
 * OpportunityHistory row per stage move, amount revision and close-date push (each the snapshot after it),
 * OpportunityFieldHistory rows for the tracked fields' changes (within the 24 months Salesforce keeps them), and its
 * contact roles. Not thread-safe: called under the org's write
 * lock. Row numbers are drawn in the same order for the same deals, so the same deals always give the same ids.
 */
final class DealSeeder {
    /** Logs as the org did before seeding was its own class, so log settings keep applying. */
    private static final Logger LOG = Logger.getLogger(SalesforceOrg.class);
    /** Salesforce keeps field history 24 months for the API (18 in the UI); older rows are gone. */
    static final int FIELD_HISTORY_MONTHS = 24;

    private final Playbook playbook;
    private final SalesforceSchema schema;
    private final Clock clock;
    private final OrgStore store;
    private final OrgCatalog catalog;
    private final ContactRoles contactRoles;
    private final FieldHistory fieldHistory;

    DealSeeder(Playbook playbook, SalesforceSchema schema, Clock clock, OrgStore store, OrgCatalog catalog, ContactRoles contactRoles) {
        this.playbook = playbook;
        this.schema = schema;
        this.clock = clock;
        this.store = store;
        this.catalog = catalog;
        this.contactRoles = contactRoles;
        this.fieldHistory = new FieldHistory(schema, store);
    }

    /** Writes the deal's rows as opportunity {@code id}; returns the CREATE change they make. */
    OpportunityChange insert(SyntheticDeal deal, String id) {
        ObjectSchema opportunity = schema.require(SalesforceSchema.OPPORTUNITY);
        if (store.table(SalesforceIds.OPPORTUNITY).contains(id)) {
            throw new IllegalArgumentException("deal " + deal.seq() + " is already in the org as " + id);
        }
        store.nextOpportunity(Math.max(store.nextOpportunity(), deal.seq() + 2L));
        StageInfo info = catalog.stage(deal.stage());
        if (info == null) {
            throw new IllegalArgumentException("deal " + deal.seq() + " is in stage '" + deal.stage() + "', which is no OpportunityStage of playbook '"
                    + playbook.name() + "'");
        }
        String owner = catalog.userFor(deal.owner());
        Instant created = deal.createdAt() == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : deal.createdAt().truncatedTo(ChronoUnit.SECONDS);
        List<StageChange> moves = deal.history().isEmpty() ? List.of(new StageChange(deal.stage(), created)) : deal.history();
        Instant lastMove = moves.get(moves.size() - 1).at().truncatedTo(ChronoUnit.SECONDS);
        Instant modified = lastMove.isAfter(created) ? lastMove : created;
        Instant lastChange = deal.lastChange() == null ? null : deal.lastChange().truncatedTo(ChronoUnit.SECONDS);
        if (lastChange != null && lastChange.isAfter(modified)) {
            modified = lastChange;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        values.put("RecordTypeId", catalog.recordTypeFor(deal));
        values.put("Name", deal.name());
        values.put("StageName", deal.stage());
        values.put("Amount", deal.amount() == null ? null : deal.amount().setScale(2, RoundingMode.HALF_UP));
        values.put("Probability", info.defaultProbability());
        values.put("CloseDate", store.shared(deal.closeDate() == null ? created.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(90) : deal.closeDate()));
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
        row = row.with("ExpectedRevenue", OpportunityWrites.expectedRevenue(row));
        store.table(SalesforceIds.OPPORTUNITY).put(row);
        seedHistory(row, moves, deal.past(), owner);
        seedFieldHistory(row, created, moves, deal.past(), owner);
        contactRoles.seed(row, deal, owner);
        return new OpportunityChange(id, OpportunityChange.Kind.CREATE, modified, values, owner, null);
    }

    private void customFields(SyntheticDeal deal, ObjectSchema opportunity, Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : deal.fields().entrySet()) {
            FieldDef field = opportunity.field(entry.getKey());
            if (field == null || !field.custom()) {
                LOG.debugf("deal %d: field %s is not a criteria field of the playbook; left out", deal.seq(), entry.getKey());
                continue;
            }
            values.put(field.name(), store.shared(FieldValues.validate(field, FieldValues.coerce(field, entry.getValue()))));
        }
    }

    /**
     * One history row per stage move, amount revision and close-date push, oldest first, each the snapshot after it;
     * the first carries the amount and close date the deal was created with.
     */
    private void seedHistory(Row opportunity, List<StageChange> moves, List<PastChange> past, String owner) {
        List<PastChange> revisions = new ArrayList<>();
        past.stream().filter(change -> change.kind() != PastChange.Kind.FIELD).forEach(revisions::add);
        BigDecimal amount = (BigDecimal) opportunity.get("Amount");
        Object closeDate = opportunity.get("CloseDate");
        for (PastChange revision : revisions) {
            if (revision.kind() == PastChange.Kind.AMOUNT && amount != null && revision.oldValue() != null) {
                amount = currency((BigDecimal) revision.oldValue());
                break;
            }
        }
        for (PastChange revision : revisions) {
            if (revision.kind() == PastChange.Kind.CLOSE_DATE) {
                closeDate = store.shared(revision.oldValue());
                break;
            }
        }
        BigDecimal previousAmount = null;
        Object previousClose = null;
        String stage = moves.get(0).stage();
        int m = 0;
        int r = 0;
        while (m < moves.size() || r < revisions.size()) {
            Instant at;
            if (r >= revisions.size() || (m < moves.size() && !moves.get(m).at().isAfter(revisions.get(r).at()))) {
                stage = moves.get(m).stage();
                at = moves.get(m++).at();
            } else {
                PastChange revision = revisions.get(r++);
                if (revision.kind() == PastChange.Kind.AMOUNT) {
                    amount = currency((BigDecimal) revision.newValue());
                } else {
                    closeDate = store.shared(revision.newValue());
                }
                at = revision.at();
            }
            historyRow(opportunity, owner, at.truncatedTo(ChronoUnit.SECONDS), stage, amount, closeDate, previousAmount, previousClose);
            previousAmount = amount;
            previousClose = closeDate;
        }
    }

    private void historyRow(Row opportunity, String owner, Instant at, String stage, BigDecimal amount, Object closeDate, BigDecimal previousAmount,
            Object previousClose) {
        StageInfo info = catalog.stage(stage);
        BigDecimal probability = info == null ? null : info.defaultProbability();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", store.takeHistoryNumber());
        values.put("OpportunityId", opportunity.id());
        values.put("CreatedById", owner);
        values.put("CreatedDate", at);
        values.put("StageName", stage);
        values.put("Amount", amount);
        values.put("ExpectedRevenue", OpportunityWrites.revenue(amount, probability));
        values.put("CloseDate", closeDate);
        values.put("Probability", probability);
        values.put("ForecastCategory", info == null ? null : info.forecastCategory());
        values.put("PrevAmount", previousAmount);
        values.put("PrevCloseDate", previousClose);
        values.put("CurrencyIsoCode", opportunity.get("CurrencyIsoCode"));
        values.put("SystemModstamp", at);
        store.table(SalesforceIds.OPPORTUNITY_HISTORY).put(Row.of(schema.require(SalesforceSchema.OPPORTUNITY_HISTORY), values));
    }

    /**
     * The field history of the tracked fields: the created row, each stage move, amount revision, close-date push and
     * criteria field filled in or changed, oldest first; rows older than {@link #FIELD_HISTORY_MONTHS} months are gone.
     */
    private void seedFieldHistory(Row opportunity, Instant created, List<StageChange> moves, List<PastChange> past, String owner) {
        ObjectSchema object = opportunity.schema();
        Instant kept = clock.instant().atZone(ZoneOffset.UTC).minusMonths(FIELD_HISTORY_MONTHS).toInstant();
        List<Pending> changes = new ArrayList<>();
        for (int i = 1; i < moves.size(); i++) {
            changes.add(new Pending(moves.get(i).at(), object.require("StageName"), moves.get(i - 1).stage(), moves.get(i).stage()));
        }
        for (PastChange change : past) {
            FieldDef field = change.kind() == PastChange.Kind.AMOUNT ? object.require("Amount")
                    : change.kind() == PastChange.Kind.CLOSE_DATE ? object.require("CloseDate") : object.field(change.field());
            if (field == null || (change.kind() == PastChange.Kind.FIELD && !field.custom())) {
                continue;
            }
            Object oldValue = typed(field, change.oldValue());
            Object newValue = typed(field, change.newValue());
            if (!FieldValues.same(oldValue, newValue)) {
                changes.add(new Pending(change.at(), field, oldValue, newValue));
            }
        }
        changes.sort(Comparator.comparing(Pending::at));
        String id = opportunity.id();
        if (!created.isBefore(kept)) {
            fieldHistory.put(fieldHistory.created(id, owner, created));
        }
        for (Pending change : changes) {
            Instant at = change.at().truncatedTo(ChronoUnit.SECONDS);
            if (!at.isBefore(kept)) {
                fieldHistory.put(fieldHistory.changed(id, change.field(), change.oldValue(), change.newValue(), owner, at));
            }
        }
    }

    /** One change of a tracked field, before it becomes a row. */
    private record Pending(Instant at, FieldDef field, Object oldValue, Object newValue) {
    }

    private Object typed(FieldDef field, Object value) {
        if (value == null) {
            // a checkbox is never empty: unticked until ticked
            return field.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
        }
        if (field.type() == FieldType.CURRENCY) {
            return currency((BigDecimal) value);
        }
        return store.shared(FieldValues.validate(field, FieldValues.coerce(field, value)));
    }

    private static BigDecimal currency(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }
}

package io.stagegate.sandbox.salesforce;

import io.stagegate.criteria.Playbook;
import io.stagegate.criteria.StageChange;
import io.stagegate.sandbox.org.SyntheticDeal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns a synthetic deal into the rows Salesforce would hold for it: the opportunity (owned by the rep's user), one
 * OpportunityHistory row per recorded stage move and its contact roles. Not thread-safe: called under the org's write
 * lock. Row numbers are drawn in the same order for the same deals, so the same deals always give the same ids.
 */
final class DealSeeder {
    /** Logs as the org did before seeding was its own class, so log settings keep applying. */
    private static final Logger LOG = Logger.getLogger(SalesforceOrg.class);

    private final Playbook playbook;
    private final SalesforceSchema schema;
    private final Clock clock;
    private final OrgStore store;
    private final OrgCatalog catalog;
    private final ContactRoles contactRoles;

    DealSeeder(Playbook playbook, SalesforceSchema schema, Clock clock, OrgStore store, OrgCatalog catalog, ContactRoles contactRoles) {
        this.playbook = playbook;
        this.schema = schema;
        this.clock = clock;
        this.store = store;
        this.catalog = catalog;
        this.contactRoles = contactRoles;
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
        seedHistory(row, moves, owner);
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

    /** One history row per recorded stage move, each with the deal's amount and close date (the generator has no older ones). */
    private void seedHistory(Row opportunity, List<StageChange> moves, String owner) {
        BigDecimal previousAmount = null;
        Object previousClose = null;
        for (StageChange move : moves) {
            StageInfo info = catalog.stage(move.stage());
            Map<String, Object> values = new LinkedHashMap<>();
            Instant at = move.at().truncatedTo(ChronoUnit.SECONDS);
            BigDecimal amount = (BigDecimal) opportunity.get("Amount");
            BigDecimal probability = info == null ? null : info.defaultProbability();
            values.put("Id", store.takeHistoryNumber());
            values.put("OpportunityId", opportunity.id());
            values.put("CreatedById", owner);
            values.put("CreatedDate", at);
            values.put("StageName", move.stage());
            values.put("Amount", amount);
            values.put("ExpectedRevenue", OpportunityWrites.revenue(amount, probability));
            values.put("CloseDate", opportunity.get("CloseDate"));
            values.put("Probability", probability);
            values.put("ForecastCategory", info == null ? null : info.forecastCategory());
            values.put("PrevAmount", previousAmount);
            values.put("PrevCloseDate", previousClose);
            values.put("CurrencyIsoCode", opportunity.get("CurrencyIsoCode"));
            values.put("SystemModstamp", at);
            store.table(SalesforceIds.OPPORTUNITY_HISTORY).put(Row.of(schema.require(SalesforceSchema.OPPORTUNITY_HISTORY), values));
            previousAmount = amount;
            previousClose = opportunity.get("CloseDate");
        }
    }
}

package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.org.SyntheticDeal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opportunity's OpportunityContactRole rows: the ones a seeded deal comes with, and the ones a rep adds or removes
 * on the Contact Roles related list. Each role is of a new contact (the contact has the role's number). Not
 * thread-safe: called under the org's write lock.
 */
final class ContactRoles {
    private final SalesforceSchema schema;
    private final OrgStore store;

    ContactRoles(SalesforceSchema schema, OrgStore store) {
        this.schema = schema;
        this.store = store;
    }

    /** The roles a deal comes with, created with the opportunity; the first is the primary one. */
    void seed(Row opportunity, SyntheticDeal deal, String owner) {
        int count = deal.related().getOrDefault("OpportunityContactRoles", 0);
        Instant created = (Instant) opportunity.get("CreatedDate");
        for (int i = 0; i < count; i++) {
            store.table(SalesforceIds.OPPORTUNITY_CONTACT_ROLE).put(contactRole(opportunity.id(), i == 0, deal.seq() + i, created, owner));
        }
    }

    /**
     * Gives an opportunity {@code count} roles: new ones created and stamped {@code now} by the actor, the latest ones
     * deleted outright (a contact role deleted on its own does not go to the recycle bin).
     */
    void set(Row opportunity, int count, String actorUserId, Instant now) {
        OrgTable roles = store.table(SalesforceIds.OPPORTUNITY_CONTACT_ROLE);
        List<Row> current = roles.children(opportunity.id());
        for (int i = current.size(); i < count; i++) {
            roles.put(contactRole(opportunity.id(), i == 0, i, now, actorUserId));
        }
        for (int i = current.size() - 1; i >= count; i--) {
            roles.remove(current.get(i));
        }
    }

    /** A new contact role of a new contact; {@code roleIndex} picks the role from the picklist, cycling. */
    private Row contactRole(String opportunityId, boolean primary, int roleIndex, Instant created, String owner) {
        long number = store.takeContactRoleNumber();
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
}

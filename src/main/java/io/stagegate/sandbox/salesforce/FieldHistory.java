package io.stagegate.sandbox.salesforce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpportunityFieldHistory rows, as Salesforce writes them: one per change of a tracked field (old and new value in the
 * field's own type) and one with {@code Field = created} when an opportunity is created. Untracked fields write none.
 * Not thread-safe: called under the org's write lock.
 */
final class FieldHistory {
    private final SalesforceSchema schema;
    private final OrgStore store;
    private final ObjectSchema object;

    FieldHistory(SalesforceSchema schema, OrgStore store) {
        this.schema = schema;
        this.store = store;
        this.object = schema.require(SalesforceSchema.OPPORTUNITY_FIELD_HISTORY);
    }

    /** The row of a new opportunity. */
    Row created(String opportunityId, String actorUserId, Instant at) {
        return row(opportunityId, actorUserId, at, SalesforceSchema.CREATED, null, null, null);
    }

    /** The row of one change of {@code field}, or {@code null} when the field is not tracked. */
    Row changed(String opportunityId, FieldDef field, Object oldValue, Object newValue, String actorUserId, Instant at) {
        if (!schema.tracked(field.name())) {
            return null;
        }
        return row(opportunityId, actorUserId, at, field.name(), SalesforceSchema.dataType(field), oldValue, newValue);
    }

    void put(Row row) {
        if (row != null) {
            store.table(SalesforceIds.OPPORTUNITY_FIELD_HISTORY).put(row);
        }
    }

    private Row row(String opportunityId, String actorUserId, Instant at, String field, String dataType, Object oldValue, Object newValue) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", store.takeFieldHistoryNumber());
        values.put("OpportunityId", opportunityId);
        values.put("CreatedById", actorUserId);
        values.put("CreatedDate", at);
        values.put("Field", field);
        values.put("DataType", dataType);
        values.put("OldValue", store.shared(oldValue));
        values.put("NewValue", store.shared(newValue));
        return Row.of(object, values);
    }
}

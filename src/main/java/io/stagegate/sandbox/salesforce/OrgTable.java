package io.stagegate.sandbox.salesforce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one object by record number (so in id order), and for child objects the record numbers of each
 * opportunity's children, oldest first. Not thread-safe: the org's lock guards it.
 */
final class OrgTable {
    final ObjectSchema schema;
    final NumberIndex<Row> rows = new NumberIndex<>();
    /** The record numbers of each opportunity's children, by the opportunity's record number. */
    final NumberIndex<long[]> byOpportunity = new NumberIndex<>();

    OrgTable(ObjectSchema schema) {
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

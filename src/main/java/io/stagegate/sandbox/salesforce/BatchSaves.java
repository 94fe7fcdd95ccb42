package io.stagegate.sandbox.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves of many opportunities in one transaction, as the sObject calls and the collections do: one result per record
 * in order, a duplicate id fails each of its records, new records get the next free record numbers, and with
 * {@code allOrNone} one failure fails every record (the others with {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}) and
 * nothing is written. Not thread-safe: called under the org's write lock; the caller publishes the changes.
 */
final class BatchSaves {
    private static final String ROLLED_BACK = "Record rolled back because not all records were valid and the request was using AllOrNone header";

    private final OrgStore store;
    private final OpportunityWrites writes;

    BatchSaves(OrgStore store, OpportunityWrites writes) {
        this.store = store;
        this.writes = writes;
    }

    /** Updates the records; adds the changes written to {@code changes}. */
    List<SaveResult> updateAll(List<Map.Entry<String, Map<FieldDef, Object>>> records, boolean allOrNone, String actorUserId, String client,
            Instant now, List<OpportunityChange> changes) {
        List<SaveResult> results = new ArrayList<>();
        Map<String, Integer> occurrences = new HashMap<>();
        records.forEach(record -> occurrences.merge(String.valueOf(SalesforceIds.normalize(record.getKey())), 1, Integer::sum));
        List<OpportunityWrites.Staged> staged = new ArrayList<>();
        for (Map.Entry<String, Map<FieldDef, Object>> record : records) {
            String normalized = SalesforceIds.normalize(record.getKey());
            if (normalized != null && occurrences.get(normalized) > 1) {
                staged.add(null);
                results.add(SaveResult.failed(null, List.of(SaveError.of("DUPLICATE_VALUE", "Duplicate id in list: " + normalized))));
                continue;
            }
            try {
                OpportunityWrites.Staged change = writes.stage(record.getKey(), record.getValue(), actorUserId, client, now);
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
        for (OpportunityWrites.Staged change : staged) {
            if (change != null) {
                writes.apply(change);
                changes.add(change.change);
            }
        }
        return results;
    }

    /** Creates the records; adds the changes written to {@code changes}. */
    List<SaveResult> insertAll(List<Map<FieldDef, Object>> records, boolean allOrNone, String actorUserId, String client, Instant now,
            List<OpportunityChange> changes) {
        List<SaveResult> results = new ArrayList<>();
        long number = store.nextOpportunity();
        List<OpportunityWrites.Staged> staged = new ArrayList<>();
        for (Map<FieldDef, Object> record : records) {
            while (store.table(SalesforceIds.OPPORTUNITY).rows.contains(number)) {
                number++;
            }
            try {
                OpportunityWrites.Staged created = writes.stageInsert(record, SalesforceIds.of(SalesforceIds.OPPORTUNITY, number), actorUserId, client, now);
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
        store.nextOpportunity(number);
        for (OpportunityWrites.Staged created : staged) {
            writes.apply(created);
            changes.add(created.change);
        }
        return results;
    }

    private static List<SaveResult> rolledBack(List<SaveResult> results) {
        List<SaveResult> rolledBack = new ArrayList<>();
        for (SaveResult result : results) {
            rolledBack.add(result.success() ? SaveResult.failed(null, List.of(SaveError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK))) : result);
        }
        return rolledBack;
    }
}

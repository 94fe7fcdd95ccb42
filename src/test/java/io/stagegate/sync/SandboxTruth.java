package io.stagegate.sync;

import io.stagegate.criteria.Evaluation;
import io.stagegate.criteria.Evaluator;
import io.stagegate.criteria.Writeback;
import io.stagegate.crm.ChangePage;
import io.stagegate.crm.CrmGateway;
import io.stagegate.crm.CrmOpportunity;
import io.stagegate.crm.SyncCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads every opportunity back from the CRM and compares its output fields with a fresh evaluation by the engine. */
final class SandboxTruth {
    private SandboxTruth() {
    }

    static List<CrmOpportunity> readAll(CrmGateway gateway, Evaluator evaluator) {
        List<CrmOpportunity> all = new ArrayList<>();
        SyncCursor cursor = SyncCursor.START;
        Instant until = Instant.now().plusSeconds(3600);
        while (true) {
            ChangePage page = gateway.changedSince(evaluator.playbook(), cursor, until);
            all.addAll(page.records());
            cursor = page.next();
            if (!page.more()) {
                return all;
            }
        }
    }

    /** The ids whose output fields differ from what the engine concludes now, with what differs. */
    static List<String> mismatches(List<CrmOpportunity> records, Evaluator evaluator) {
        return mismatches(records, evaluator, java.util.Set.of());
    }

    /**
     * As {@link #mismatches(List, Evaluator)}, not comparing {@code ignored} fields (the skip flag and detail, which the
     * sync engine freezes as first observed, while a fresh evaluation judges old moves with today's fields).
     */
    static List<String> mismatches(List<CrmOpportunity> records, Evaluator evaluator, java.util.Set<String> ignored) {
        List<String> wrong = new ArrayList<>();
        for (CrmOpportunity record : records) {
            if (record.deleted()) {
                continue;
            }
            Evaluation evaluation = evaluator.evaluate(record.toOpportunity());
            Map<String, Object> desired = new java.util.LinkedHashMap<>(Writeback.values(evaluator.playbook(), evaluation));
            desired.keySet().removeAll(ignored);
            if (!OutputValues.same(desired, record.fields())) {
                StringBuilder diff = new StringBuilder(record.id());
                desired.forEach((field, value) -> {
                    Object held = OutputValues.held(record.fields(), List.of(field)).get(field);
                    if (!OutputValues.sameValue(value, held)) {
                        diff.append(' ').append(field).append(": wanted ").append(value).append(", CRM holds ").append(held).append(';');
                    }
                });
                wrong.add(diff.toString());
            }
        }
        return wrong;
    }
}

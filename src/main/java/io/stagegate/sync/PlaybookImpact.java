package io.stagegate.sync;

import java.math.BigDecimal;
import java.util.List;

/**
 * What activating a candidate playbook would change, computed from the stored inputs of every synced opportunity with
 * both the active and the candidate playbook (same inputs, same day), without a CRM call.
 *
 * @param evaluated opportunities evaluated (not deleted; at most {@code limit})
 * @param truncated more opportunities were stored than {@code limit}: the figures cover the first {@code limit} by id
 * @param changedQualifiedStage opportunities whose qualified stage (the CRM stage Stagegate writes, or the status of a
 *     closed or unmappable one) differs between the two playbooks
 * @param changedOverStaged opportunities that become, or stop being, over-staged
 * @param unevaluableBefore / unevaluableAfter opportunities the playbook cannot evaluate (stage not mapped, bad currency)
 * @param rollups the open pipeline per pipeline and currency, before and after
 * @param examples the first changed opportunities by id (at most {@value PlaybookPreview#MAX_EXAMPLES})
 */
public record PlaybookImpact(
        String crm,
        int evaluated,
        int limit,
        boolean truncated,
        int changedQualifiedStage,
        int changedOverStaged,
        int unevaluableBefore,
        int unevaluableAfter,
        List<Rollup> rollups,
        List<Change> examples) {

    /** One rollup: the open opportunities of a pipeline in a currency, with their forecasts under both playbooks. */
    public record Rollup(
            String pipeline,
            String currency,
            int openBefore,
            int openAfter,
            BigDecimal recordedBefore,
            BigDecimal recordedAfter,
            BigDecimal qualifiedBefore,
            BigDecimal qualifiedAfter,
            BigDecimal recordedChange,
            BigDecimal qualifiedChange) {
    }

    /** One opportunity whose qualified stage changes: where it stands now and where it would stand. */
    public record Change(String id, String owner, String pipeline, String recordedStage, String qualifiedBefore, String qualifiedAfter,
            BigDecimal qualifiedForecastBefore, BigDecimal qualifiedForecastAfter) {
    }
}

package io.stagegate.web;

import io.stagegate.sync.PlaybookImpact;
import java.util.List;

/** A playbook preview as the editor prints it: the counts as they are, the amounts in whole units with signed changes. */
public record ImpactView(PlaybookImpact impact, List<Rollup> rollups, List<Change> examples) {

    public record Rollup(String pipeline, String currency, int openBefore, int openAfter, String qualifiedBefore, String qualifiedAfter,
            String qualifiedChange, boolean moves) {
    }

    public record Change(String id, String owner, String pipeline, String recordedStage, String before, String after) {
    }

    static ImpactView of(PlaybookImpact impact) {
        return new ImpactView(impact,
                impact.rollups().stream().map(r -> new Rollup(r.pipeline(), r.currency(), r.openBefore(), r.openAfter(), Money.of(r.qualifiedBefore()),
                        Money.of(r.qualifiedAfter()), Money.change(r.qualifiedChange()), r.qualifiedChange().signum() != 0)).toList(),
                impact.examples().stream().map(c -> new Change(c.id(), c.owner(), c.pipeline(), c.recordedStage(), c.qualifiedBefore(),
                        c.qualifiedAfter())).toList());
    }
}

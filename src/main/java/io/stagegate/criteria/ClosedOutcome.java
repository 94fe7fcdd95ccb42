package io.stagegate.criteria;

import java.util.List;
import java.util.Objects;

/**
 * The closed-won or closed-lost end of a pipeline: the CRM values that mean it, and the questions asked afterwards
 * (the Advocacy checklist for a win, the post-mortem for a loss).
 */
public record ClosedOutcome(String label, List<CrmStage> crmStages, List<String> checklist) {
    public ClosedOutcome {
        Objects.requireNonNull(label, "label");
        crmStages = List.copyOf(crmStages);
        checklist = List.copyOf(checklist);
    }
}

package io.stagegate.criteria;

import java.util.Objects;

/**
 * Where a CRM stage value sits in a pipeline: an open journey stage (index 0…n-1), closed won (index n, after every
 * open stage) or closed lost (index -1, outside the journey).
 */
public record StagePosition(Kind kind, int index, CrmStage crmStage) {
    public enum Kind { OPEN, WON, LOST }

    public StagePosition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(crmStage, "crmStage");
    }

    public boolean isOpen() {
        return kind == Kind.OPEN;
    }
}

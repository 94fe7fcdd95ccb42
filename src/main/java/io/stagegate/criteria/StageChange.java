package io.stagegate.criteria;

import java.time.Instant;
import java.util.Objects;

/** One entry of an opportunity's stage history: it entered CRM stage {@code stage} at {@code at}. */
public record StageChange(String stage, Instant at) {
    public StageChange {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
    }
}

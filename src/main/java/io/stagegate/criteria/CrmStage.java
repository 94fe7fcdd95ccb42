package io.stagegate.criteria;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A stage value as the CRM stores it ({@code StageName} or {@code dealstage}) with its default probability, as a
 * fraction between 0 and 1 whatever the CRM's own scale.
 */
public record CrmStage(String value, BigDecimal probability) {
    public CrmStage {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(probability, "probability");
        if (probability.signum() < 0 || probability.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("probability of CRM stage '" + value + "' must be a fraction between 0 and 1, was " + probability);
        }
    }
}

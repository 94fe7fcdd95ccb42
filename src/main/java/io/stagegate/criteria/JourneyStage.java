package io.stagegate.criteria;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of the buyer's journey. Several CRM stage values may map to it, or none (then it carries an explicit
 * probability, used when an opportunity is qualified only up to this stage).
 */
public record JourneyStage(
        String key,
        String label,
        List<CrmStage> crmStages,
        BigDecimal probability,
        ForecastCategory forecastCategory,
        Integer benchmarkDays,
        List<ExitCriterion> exitCriteria) {

    public JourneyStage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        crmStages = List.copyOf(crmStages);
        Objects.requireNonNull(forecastCategory, "forecastCategory");
        exitCriteria = List.copyOf(exitCriteria);
        if (crmStages.isEmpty() && probability == null) {
            throw new IllegalArgumentException("journey stage '" + key + "' maps no CRM stage, so it needs an explicit probability");
        }
    }

    /** The probability an opportunity gets when it is qualified only up to this stage. */
    public BigDecimal qualifiedProbability() {
        return probability != null ? probability : crmStages.get(0).probability();
    }

    public Optional<Integer> benchmark() {
        return Optional.ofNullable(benchmarkDays);
    }
}

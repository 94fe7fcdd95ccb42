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

    /**
     * The probability an opportunity gets when it is qualified only up to this stage: the explicit one, else that of
     * the lowest CRM stage mapped here (the one with the lowest probability, whatever the listing order).
     */
    public BigDecimal qualifiedProbability() {
        return probability != null ? probability : lowestCrmStage().probability();
    }

    /** The CRM stage with the lowest probability, or {@code null} when the stage maps none. */
    public CrmStage lowestCrmStage() {
        CrmStage lowest = null;
        for (CrmStage stage : crmStages) {
            if (lowest == null || stage.probability().compareTo(lowest.probability()) < 0) {
                lowest = stage;
            }
        }
        return lowest;
    }

    public Optional<Integer> benchmark() {
        return Optional.ofNullable(benchmarkDays);
    }
}

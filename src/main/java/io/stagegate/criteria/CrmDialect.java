package io.stagegate.criteria;

import java.util.Map;
import java.util.Objects;

/**
 * How one CRM writes what the engine computes: the scale of stage probabilities, the names of the forecast categories
 * and the default API names of the output fields. The engine holds no vendor's spelling itself; the playbook mapping
 * supplies the dialect of the playbook's CRM.
 */
public record CrmDialect(ProbabilityScale probabilityScale, Map<ForecastCategory, String> forecastCategories,
        Map<OutputField, String> outputFields) {

    public CrmDialect {
        Objects.requireNonNull(probabilityScale, "probabilityScale");
        forecastCategories = complete(forecastCategories, ForecastCategory.values(), "forecast category");
        outputFields = complete(outputFields, OutputField.values(), "output field");
    }

    /** The CRM's name of {@code category}, e.g. {@code Best Case} in Salesforce and {@code BEST_CASE} in HubSpot. */
    public String forecastCategory(ForecastCategory category) {
        return forecastCategories.get(category);
    }

    /** The API name the CRM's shipped metadata gives {@code field}. */
    public String outputField(OutputField field) {
        return outputFields.get(field);
    }

    private static <K extends Enum<K>> Map<K, String> complete(Map<K, String> names, K[] keys, String what) {
        for (K key : keys) {
            if (names.get(key) == null) {
                throw new IllegalArgumentException("a CRM dialect needs a name for every " + what + ", " + key + " has none");
            }
        }
        return Map.copyOf(names);
    }
}

package io.stagegate.criteria;

/** The engine's forecast categories; each CRM's name for them is in its {@link CrmDialect}. */
public enum ForecastCategory {
    OMITTED,
    PIPELINE,
    BEST_CASE,
    COMMIT,
    CLOSED
}

package io.stagegate.criteria;

/** The CRM a playbook is written for: it decides field naming, probability scale and output field names. */
public enum Crm {
    SALESFORCE(ProbabilityScale.PERCENT),
    HUBSPOT(ProbabilityScale.FRACTION);

    private final ProbabilityScale probabilityScale;

    Crm(ProbabilityScale probabilityScale) {
        this.probabilityScale = probabilityScale;
    }

    /** The scale in which this CRM stores stage probabilities (Salesforce 0–100, HubSpot 0–1). */
    public ProbabilityScale probabilityScale() {
        return probabilityScale;
    }
}

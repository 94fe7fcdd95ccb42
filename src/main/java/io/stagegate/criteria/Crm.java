package io.stagegate.criteria;

/**
 * The CRM a playbook is written for. It names the vendor only: how that vendor writes probabilities, categories and
 * output fields is the playbook's {@link CrmDialect}.
 */
public enum Crm {
    SALESFORCE,
    HUBSPOT
}

package io.stagegate.playbook;

import io.stagegate.criteria.Crm;

/**
 * The standard opportunity fields every evaluation needs, with their API names in each CRM. Exports (CSV) and
 * connectors use these names; everything else is a criteria field the playbook maps. It lives with the playbook
 * mapping, below the connectors, because the loader must keep output fields off these names.
 */
public enum StandardField {
    ID("Id", "hs_object_id"),
    STAGE("StageName", "dealstage"),
    AMOUNT("Amount", "amount"),
    CURRENCY("CurrencyIsoCode", "deal_currency_code"),
    CLOSE_DATE("CloseDate", "closedate"),
    OWNER("OwnerId", "hubspot_owner_id"),
    PIPELINE("RecordTypeId", "pipeline"),
    STAGE_ENTERED("LastStageChangeDate", "hs_v2_date_entered_current_stage");

    private final String salesforce;
    private final String hubspot;

    StandardField(String salesforce, String hubspot) {
        this.salesforce = salesforce;
        this.hubspot = hubspot;
    }

    public String apiName(Crm crm) {
        return crm == Crm.SALESFORCE ? salesforce : hubspot;
    }

    /** The standard field called {@code apiName} in {@code crm}, or {@code null} for a criteria field. */
    public static StandardField byApiName(Crm crm, String apiName) {
        for (StandardField field : values()) {
            if (field.apiName(crm).equalsIgnoreCase(apiName)) {
                return field;
            }
        }
        return null;
    }
}

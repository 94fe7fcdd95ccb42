package io.stagegate.crm.salesforce;

/**
 * The one rule for Salesforce record ids: 15 case-sensitive or 18 case-safe alphanumeric characters, the first three the
 * object's key prefix. Used wherever an id is put into a query or a write and wherever a pushed id is accepted.
 */
public final class SalesforceId {
    public static final String OPPORTUNITY_PREFIX = "006";

    private SalesforceId() {
    }

    public static boolean isId(String text) {
        if (text == null || (text.length() != 15 && text.length() != 18)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isOpportunityId(String text) {
        return isId(text) && text.startsWith(OPPORTUNITY_PREFIX);
    }

    /** Both ids name the same record: the first 15 characters decide, the 3 more of an 18-character id only encode case. */
    public static boolean sameRecord(String a, String b) {
        return a.regionMatches(0, b, 0, 15);
    }
}

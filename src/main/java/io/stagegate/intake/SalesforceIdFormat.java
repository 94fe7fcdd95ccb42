package io.stagegate.intake;

/** Salesforce record ids: 15 case-sensitive or 18 case-safe alphanumeric characters, the first three the object's key prefix. */
final class SalesforceIdFormat {
    static final String OPPORTUNITY_PREFIX = "006";

    private SalesforceIdFormat() {
    }

    static boolean isId(String text) {
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

    static boolean isOpportunityId(String text) {
        return isId(text) && text.startsWith(OPPORTUNITY_PREFIX);
    }

    /** Both ids name the same record: the first 15 characters decide, the 3 more of an 18-character id only encode case. */
    static boolean sameRecord(String a, String b) {
        return a.regionMatches(0, b, 0, 15);
    }

    /** Untrusted text shortened for an error message. */
    static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "'" + shown + "'";
    }
}

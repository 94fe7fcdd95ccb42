package io.stagegate.sandbox.salesforce;

/**
 * Salesforce record ids: a 3-character key prefix (the object), then a 12-character base-62 number (pod, reserved
 * digit and record number), plus the 3-character case-safe suffix the API returns. Ids made here are fixed-width
 * base-62 in ASCII order, so comparing two ids as strings orders them as numbers, as keyset paging expects.
 */
final class SalesforceIds {
    static final String OPPORTUNITY = "006";
    static final String OPPORTUNITY_HISTORY = "008";
    static final String OPPORTUNITY_FIELD_HISTORY = "017";
    static final String OPPORTUNITY_CONTACT_ROLE = "00K";
    static final String OPPORTUNITY_STAGE = "01J";
    static final String RECORD_TYPE = "012";
    static final String USER = "005";
    static final String CONTACT = "003";
    static final String ORGANIZATION = "00D";
    static final String QUERY_LOCATOR = "01g";
    static final String OUTBOUND_ACTION = "04k";
    static final String OUTBOUND_NOTIFICATION = "04l";

    /** The pod and reserved digit every sandbox id carries after its prefix. */
    private static final String POD = "Dn0";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final int NUMBER_DIGITS = 9;

    private SalesforceIds() {
    }

    /** The 18-character id of record {@code number} of the object with key prefix {@code prefix}. */
    static String of(String prefix, long number) {
        if (prefix.length() != 3) {
            throw new IllegalArgumentException("a key prefix has 3 characters, was '" + prefix + "'");
        }
        if (number < 0) {
            throw new IllegalArgumentException("record number must not be negative, was " + number);
        }
        char[] digits = new char[NUMBER_DIGITS];
        long rest = number;
        for (int i = NUMBER_DIGITS - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (rest % 62));
            rest /= 62;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("record number " + number + " does not fit in " + NUMBER_DIGITS + " base-62 digits");
        }
        return caseSafe(prefix + POD + new String(digits));
    }

    /**
     * The record number of an 18-character id made here ({@link #of}), or -1 when the id is not one of this sandbox's
     * (another pod, not base-62 digits). The key prefix is not checked.
     */
    static long number(String id) {
        if (id == null || id.length() != 18 || !id.startsWith(POD, 3)) {
            return -1;
        }
        long number = 0;
        for (int i = 6; i < 15; i++) {
            int digit = BASE62.indexOf(id.charAt(i));
            if (digit < 0) {
                return -1;
            }
            number = number * 62 + digit;
        }
        return number;
    }

    /** The key prefix of a simulated object, or of an object only referenced (Contact); {@code null} for others. */
    static String prefixOf(String objectName) {
        switch (objectName) {
            case "Opportunity":
                return OPPORTUNITY;
            case "OpportunityHistory":
                return OPPORTUNITY_HISTORY;
            case "OpportunityFieldHistory":
                return OPPORTUNITY_FIELD_HISTORY;
            case "OpportunityContactRole":
                return OPPORTUNITY_CONTACT_ROLE;
            case "OpportunityStage":
                return OPPORTUNITY_STAGE;
            case "RecordType":
                return RECORD_TYPE;
            case "User":
                return USER;
            case "Contact":
                return CONTACT;
            default:
                return null;
        }
    }

    /**
     * The documented 15-to-18 conversion: for each 5-character chunk, bit i is set when character i is an upper-case
     * letter; the 5-bit number picks a character of A–Z0–5.
     */
    static String caseSafe(String id15) {
        if (id15.length() != 15 || !isAlphanumeric(id15)) {
            throw new IllegalArgumentException("a 15-character id is alphanumeric, was '" + id15 + "'");
        }
        StringBuilder id = new StringBuilder(18).append(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            id.append(SUFFIX_CHARS.charAt(bits));
        }
        return id.toString();
    }

    /** Whether {@code text} looks like an id: 15 or 18 letters and digits (the shape Salesforce validates). */
    static boolean isWellFormed(String text) {
        return text != null && (text.length() == 15 || text.length() == 18) && isAlphanumeric(text);
    }

    /**
     * The 18-character form of a well-formed id, or {@code null}: a 15-character id gets its suffix; an 18-character
     * one is returned with the case its suffix encodes, so a client that lower-cased it still finds the record.
     */
    static String normalize(String text) {
        if (!isWellFormed(text)) {
            return null;
        }
        if (text.length() == 15) {
            return caseSafe(text);
        }
        String suffix = text.substring(15).toUpperCase(java.util.Locale.ROOT);
        char[] id = text.substring(0, 15).toCharArray();
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = SUFFIX_CHARS.indexOf(suffix.charAt(chunk));
            if (bits < 0) {
                return null;
            }
            for (int i = 0; i < 5; i++) {
                int at = chunk * 5 + i;
                boolean upper = (bits & (1 << i)) != 0;
                if (upper && Character.isLetter(id[at])) {
                    id[at] = Character.toUpperCase(id[at]);
                } else if (!upper && Character.isUpperCase(id[at])) {
                    id[at] = Character.toLowerCase(id[at]);
                }
            }
        }
        String id15 = new String(id);
        String id18 = caseSafe(id15);
        return id18.substring(15).equals(suffix) ? id18 : null;
    }

    private static boolean isAlphanumeric(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}

package io.stagegate.playbook;

import io.stagegate.criteria.Crm;
import java.util.regex.Pattern;

/**
 * What a valid CRM API name looks like. Every field and relation name in a playbook passes through here, which is
 * also what keeps configuration from ever injecting text into a SOQL query or a HubSpot request.
 */
public final class CrmNames {
    private static final String SF_WORD = "[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*";
    /** {@code Name}, {@code Name__c} or {@code ns__Name__c} (also {@code __r} relations for custom children). */
    private static final Pattern SALESFORCE = Pattern.compile("(?:" + SF_WORD + "__)?" + SF_WORD + "(?:__[cr])?");
    /** HubSpot internal names: lowercase letters, digits and underscores, starting with a letter. */
    private static final Pattern HUBSPOT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int SALESFORCE_MAX = 80;
    private static final int HUBSPOT_MAX = 100;

    private CrmNames() {
    }

    /** Returns {@code null} when {@code name} is a valid API name for {@code crm}, else what is wrong with it. */
    public static String problem(Crm crm, String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (crm == Crm.SALESFORCE) {
            if (name.length() > SALESFORCE_MAX || !SALESFORCE.matcher(name).matches()) {
                return "'" + name + "' is not a Salesforce API name (Name, Name__c or ns__Name__c: letters, digits and single underscores, starting with a letter)";
            }
            return null;
        }
        if (name.length() > HUBSPOT_MAX || !HUBSPOT.matcher(name).matches()) {
            return "'" + name + "' is not a HubSpot internal name (lowercase letters, digits and underscores, starting with a letter)";
        }
        return null;
    }

    public static boolean isValid(Crm crm, String name) {
        return problem(crm, name) == null;
    }
}

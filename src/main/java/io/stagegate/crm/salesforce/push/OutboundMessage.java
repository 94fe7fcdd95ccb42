package io.stagegate.crm.salesforce.push;

import java.util.List;
import java.util.Map;

/**
 * A Salesforce Outbound Message ({@code notifications} of {@code http://soap.sforce.com/2005/09/outbound}) as read:
 * the sending org and action, and up to 100 notifications. The SessionId, a credential when the action sends one, is
 * never read.
 */
record OutboundMessage(String organizationId, String actionId, List<Notification> notifications) {
    /** Salesforce sends at most 100 notifications per message. */
    static final int MAX_NOTIFICATIONS = 100;

    OutboundMessage {
        notifications = List.copyOf(notifications);
    }

    /**
     * One notification: its id (the same on every retry), the sObject's type (from {@code xsi:type}, null when absent),
     * its record id, and the fields the action sends with their latest values (null for {@code xsi:nil}).
     */
    record Notification(String id, String objectType, String recordId, Map<String, String> fields) {
    }
}

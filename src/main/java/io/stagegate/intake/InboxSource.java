package io.stagegate.intake;

import io.stagegate.criteria.Crm;
import java.util.Locale;

/** Who pushed an inbox row: the CRM and the channel (the {@code inbox.crm} and {@code inbox.source} columns). */
public enum InboxSource {
    SALESFORCE_OUTBOUND_MESSAGE(Crm.SALESFORCE, "outbound_message"),
    SALESFORCE_SIGNED_EVENT(Crm.SALESFORCE, "signed_event"),
    HUBSPOT_WEBHOOK(Crm.HUBSPOT, "webhook");

    private final Crm crm;
    private final String channel;

    InboxSource(Crm crm, String channel) {
        this.crm = crm;
        this.channel = channel;
    }

    public Crm crm() {
        return crm;
    }

    /** The {@code inbox.source} value. */
    public String channel() {
        return channel;
    }

    /** The CRM as metrics name it (lower case). */
    String crmTag() {
        return crm.name().toLowerCase(Locale.ROOT);
    }
}

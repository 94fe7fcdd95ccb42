package io.stagegate.testsupport;

import java.util.List;

/** Outbound Message envelopes as Salesforce sends them (salesforce.md §5a). */
public final class OutboundEnvelopes {
    public static final String ORG = "00DDn0000000001MAA";

    /** One notification: its id, the sObject type and the record id. */
    public record Note(String id, String type, String recordId) {
        public static Note opportunity() {
            return new Note(TestIds.salesforce("04l"), "Opportunity", TestIds.salesforce("006"));
        }
    }

    private OutboundEnvelopes() {
    }

    public static String message(String organizationId, List<Note> notes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
                .append(" <soapenv:Body><notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n")
                .append("  <OrganizationId>").append(organizationId).append("</OrganizationId><ActionId>04k5g000000XXXXAAA</ActionId>\n")
                .append("  <SessionId>00DDn0000000001!AQsecret-session</SessionId>\n")
                .append("  <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/62.0/00DDn0000000001</EnterpriseUrl>\n")
                .append("  <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/62.0/00DDn0000000001</PartnerUrl>\n");
        for (Note note : notes) {
            xml.append("  <Notification><Id>").append(note.id()).append("</Id>\n")
                    .append("   <sObject xsi:type=\"sf:").append(note.type()).append("\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n")
                    .append("    <sf:Id>").append(note.recordId()).append("</sf:Id><sf:StageName>Negotiation/Review</sf:StageName>")
                    .append("<sf:Amount>125000.0</sf:Amount><sf:NextStep xsi:nil=\"true\"/>\n")
                    .append("   </sObject></Notification>\n");
        }
        return xml.append(" </notifications></soapenv:Body></soapenv:Envelope>\n").toString();
    }

    public static String message(List<Note> notes) {
        return message(ORG, notes);
    }
}

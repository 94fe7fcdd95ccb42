package io.stagegate.crm.salesforce.push;

import jakarta.ws.rs.core.Response;

/** The two answers an Outbound Message gets: the acknowledgement Salesforce expects, or a SOAP 1.1 fault. */
final class SoapMessages {
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    /** Exactly what Salesforce looks for: HTTP 200 and {@code <Ack>true</Ack>} in {@code notificationsResponse}. */
    static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soapenv:Envelope xmlns:soapenv=\"" + OutboundMessageParser.SOAP_ENVELOPE + "\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"" + OutboundMessageParser.OUTBOUND + "\"><Ack>true</Ack></notificationsResponse>"
            + "</soapenv:Body></soapenv:Envelope>";

    private SoapMessages() {
    }

    static Response ack() {
        return Response.ok(ACK, CONTENT_TYPE).build();
    }

    /**
     * A fault: {@code soapenv:Client} when the message itself is at fault (Salesforce's retries will not help until it
     * changes), {@code soapenv:Server} when Stagegate is (not configured, database down).
     */
    static Response fault(int status, boolean senderAtFault, String message) {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + OutboundMessageParser.SOAP_ENVELOPE + "\"><soapenv:Body><soapenv:Fault>"
                + "<faultcode>soapenv:" + (senderAtFault ? "Client" : "Server") + "</faultcode>"
                + "<faultstring>" + escape(message) + "</faultstring>"
                + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";
        return Response.status(status).entity(envelope).type(CONTENT_TYPE).build();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<':
                    escaped.append("&lt;");
                    break;
                case '>':
                    escaped.append("&gt;");
                    break;
                case '&':
                    escaped.append("&amp;");
                    break;
                case '"':
                    escaped.append("&quot;");
                    break;
                default:
                    escaped.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}

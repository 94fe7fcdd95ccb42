package io.stagegate.crm.salesforce.push;

import io.stagegate.crm.salesforce.SalesforceId;
import io.stagegate.intake.PushRefused;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the SOAP envelope of an Outbound Message with StAX, safely: no DTD is processed and a document that declares
 * one is refused (so no external entity, no entity expansion), nothing is fetched, and only the elements Stagegate
 * needs are kept. Unknown elements are skipped, so additions by Salesforce do not break intake.
 */
final class OutboundMessageParser {
    static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    /** Factories are configured once per thread: the JDK does not promise that one may be shared. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(OutboundMessageParser::safeFactory);

    private OutboundMessageParser() {
    }

    /** The JDK's own StAX implementation with DTDs and external entities off. */
    static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The message, or {@link PushRefused} saying what is wrong with it. */
    static OutboundMessage parse(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(body));
            toRoot(reader);
            expect(reader, SOAP_ENVELOPE, "Envelope", "the body is not a SOAP 1.1 envelope");
            OutboundMessage message = null;
            while (nextChild(reader)) {
                if (is(reader, SOAP_ENVELOPE, "Body")) {
                    message = body(reader);
                } else {
                    skip(reader);
                }
            }
            if (message == null) {
                throw PushRefused.invalid("the SOAP envelope has no Body");
            }
            return message;
        } catch (XMLStreamException e) {
            throw PushRefused.invalid("the body is not well-formed XML: " + e.getMessage().replaceAll("\\s+", " "));
        } finally {
            close(reader);
        }
    }

    private static void toRoot(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
            refuseDtd(event);
        }
        throw PushRefused.invalid("the body holds no XML element");
    }

    private static OutboundMessage body(XMLStreamReader reader) throws XMLStreamException {
        OutboundMessage message = null;
        while (nextChild(reader)) {
            if (is(reader, OUTBOUND, "notifications")) {
                message = notifications(reader);
            } else {
                skip(reader);
            }
        }
        if (message == null) {
            throw PushRefused.invalid("the SOAP Body holds no notifications element of " + OUTBOUND);
        }
        return message;
    }

    private static OutboundMessage notifications(XMLStreamReader reader) throws XMLStreamException {
        String organizationId = null;
        String actionId = null;
        List<OutboundMessage.Notification> notifications = new ArrayList<>();
        while (nextChild(reader)) {
            if (is(reader, OUTBOUND, "OrganizationId")) {
                organizationId = reader.getElementText().trim();
            } else if (is(reader, OUTBOUND, "ActionId")) {
                actionId = reader.getElementText().trim();
            } else if (is(reader, OUTBOUND, "Notification")) {
                if (notifications.size() == OutboundMessage.MAX_NOTIFICATIONS) {
                    throw PushRefused.invalid("more than " + OutboundMessage.MAX_NOTIFICATIONS + " notifications in one message");
                }
                notifications.add(notification(reader, notifications.size() + 1));
            } else {
                skip(reader);
            }
        }
        if (!SalesforceId.isId(organizationId)) {
            throw PushRefused.invalid(organizationId == null ? "the message has no OrganizationId"
                    : "OrganizationId " + PushRefused.quote(organizationId) + " is not a Salesforce id");
        }
        if (notifications.isEmpty()) {
            throw PushRefused.invalid("the message holds no Notification");
        }
        return new OutboundMessage(organizationId, actionId, notifications);
    }

    private static OutboundMessage.Notification notification(XMLStreamReader reader, int number) throws XMLStreamException {
        String id = null;
        String objectType = null;
        Map<String, String> fields = null;
        while (nextChild(reader)) {
            if (is(reader, OUTBOUND, "Id")) {
                id = reader.getElementText().trim();
            } else if (is(reader, OUTBOUND, "sObject")) {
                objectType = localType(reader.getAttributeValue(XSI, "type"));
                fields = sObject(reader);
            } else {
                skip(reader);
            }
        }
        if (!SalesforceId.isId(id)) {
            throw PushRefused.invalid("Notification " + number + (id == null ? " has no Id" : ": Id " + PushRefused.quote(id) + " is not a Salesforce id"));
        }
        if (fields == null) {
            throw PushRefused.invalid("Notification " + number + " (" + id + ") has no sObject");
        }
        String recordId = fields.get("Id");
        if (!SalesforceId.isId(recordId)) {
            throw PushRefused.invalid("Notification " + number + " (" + id + "): "
                    + (recordId == null ? "the sObject has no Id" : "sObject Id " + PushRefused.quote(recordId) + " is not a Salesforce id"));
        }
        return new OutboundMessage.Notification(id, objectType, recordId, fields);
    }

    /** The sObject's fields by name; compound values (nested elements) are left out. */
    private static Map<String, String> sObject(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (nextChild(reader)) {
            String name = reader.getLocalName();
            boolean nil = "true".equals(reader.getAttributeValue(XSI, "nil"));
            Optional<String> text = simpleText(reader);
            if (text.isPresent()) {
                fields.put(name, nil ? null : "Id".equals(name) ? text.get().trim() : text.get());
            }
        }
        return fields;
    }

    /** The text of a text-only element; empty for an element with children, which is skipped. */
    private static Optional<String> simpleText(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        boolean compound = false;
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    text.append(reader.getText());
                    break;
                case XMLStreamConstants.START_ELEMENT:
                    compound = true;
                    skip(reader);
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return compound ? Optional.empty() : Optional.of(text.toString());
                default:
                    refuseDtd(event);
            }
        }
    }

    /** Moves to the next child element of the current element; false once the current element's end tag is reached. */
    private static boolean nextChild(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            refuseDtd(event);
        }
        throw PushRefused.invalid("the XML ends inside an element");
    }

    /** Skips the current element and everything in it. */
    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else {
                refuseDtd(event);
            }
        }
    }

    private static void refuseDtd(int event) {
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.ENTITY_DECLARATION) {
            throw PushRefused.invalid("DOCTYPE declarations and entities are not allowed");
        }
    }

    private static boolean is(XMLStreamReader reader, String namespace, String localName) {
        return localName.equals(reader.getLocalName()) && namespace.equals(reader.getNamespaceURI());
    }

    private static void expect(XMLStreamReader reader, String namespace, String localName, String otherwise) {
        if (!is(reader, namespace, localName)) {
            throw PushRefused.invalid(otherwise);
        }
    }

    private static String localType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        int colon = type.indexOf(':');
        return type.substring(colon + 1).trim();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing held: the input is an in-memory array
            }
        }
    }
}

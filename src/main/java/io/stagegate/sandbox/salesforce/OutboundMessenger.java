package io.stagegate.sandbox.salesforce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jboss.logging.Logger;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Sends the org's opportunity changes as SOAP Outbound Messages, as a workflow rule with an outbound message action
 * would: up to 100 notifications per message, each with the record's id and the changed fields' latest values, retried
 * with exponential backoff until the receiver answers {@code <Ack>true</Ack>}, dropped after the maximum age. Delivery
 * is at least once: a receiver that processes a message but fails to acknowledge it gets it again.
 */
final class OutboundMessenger implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboundMessenger.class);
    static final int MAX_NOTIFICATIONS = 100;
    private static final DateTimeFormatter XML_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final SalesforceOrg org;
    private final URI target;
    private final String instanceUrl;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxAge;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "salesforce-outbound-messages");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Notification> pending = new ArrayDeque<>();
    private final AtomicLong notificationIds = new AtomicLong();
    private int failures;
    private boolean scheduled;

    /** One queued notification: the record and the fields that changed. */
    record Notification(String id, String opportunityId, List<String> fields, Instant queuedAt) {
    }

    OutboundMessenger(SalesforceOrg org, URI target, String instanceUrl, Duration initialBackoff, Duration maxBackoff, Duration maxAge, Clock clock) {
        this.org = org;
        this.target = target;
        this.instanceUrl = instanceUrl;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Starts listening to the org's changes. */
    void start() {
        org.addChangeListener(this::enqueue);
    }

    void enqueue(OpportunityChange change) {
        if (change.kind() == OpportunityChange.Kind.DELETE || change.kind() == OpportunityChange.Kind.UNDELETE) {
            return;
        }
        Notification notification = new Notification(SalesforceIds.of(SalesforceIds.OUTBOUND_NOTIFICATION, notificationIds.incrementAndGet()),
                change.opportunityId(), List.copyOf(change.values().keySet()), clock.instant());
        synchronized (this) {
            pending.addLast(notification);
            schedule(Duration.ZERO);
        }
    }

    private synchronized void schedule(Duration delay) {
        if (!scheduled && !executor.isShutdown()) {
            scheduled = true;
            executor.schedule(this::deliver, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void deliver() {
        List<Notification> batch = new ArrayList<>();
        synchronized (this) {
            scheduled = false;
            Instant oldest = clock.instant().minus(maxAge);
            while (!pending.isEmpty() && pending.peekFirst().queuedAt().isBefore(oldest)) {
                LOG.warnf("dropping outbound message notification %s for %s: undelivered for %s", pending.peekFirst().id(),
                        pending.peekFirst().opportunityId(), maxAge);
                pending.removeFirst();
            }
            for (Notification notification : pending) {
                if (batch.size() == MAX_NOTIFICATIONS) {
                    break;
                }
                batch.add(notification);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean acknowledged = send(envelope(batch));
        synchronized (this) {
            if (acknowledged) {
                pending.removeAll(batch);
                failures = 0;
                if (!pending.isEmpty()) {
                    schedule(Duration.ZERO);
                }
            } else {
                failures++;
                schedule(backoff());
            }
        }
    }

    /** The delay after the current run of failures: doubling from the initial backoff up to the maximum, with jitter. */
    private Duration backoff() {
        long base = initialBackoff.toMillis() << Math.min(failures - 1, 30);
        long capped = Math.min(base <= 0 ? maxBackoff.toMillis() : base, maxBackoff.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(Math.max(1, capped / 4)));
    }

    private boolean send(String envelope) {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && acknowledged(response.body());
        } catch (IOException e) {
            LOG.debugf("outbound message to %s failed: %s", target, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a SOAP response holds {@code <Ack>true</Ack>} (in any namespace). */
    static boolean acknowledged(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList acks = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS("*", "Ack");
            return acks.getLength() > 0 && "true".equals(acks.item(0).getTextContent().trim());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return false;
        }
    }

    /** The SOAP envelope of one message, with the latest values of each notification's fields. */
    String envelope(List<Notification> batch) {
        String organization = org.organizationId();
        StringBuilder xml = new StringBuilder(1024)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" ")
                .append("xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
                .append(" <soapenv:Body>\n  <notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n")
                .append("   <OrganizationId>").append(organization).append("</OrganizationId>\n")
                .append("   <ActionId>").append(SalesforceIds.of(SalesforceIds.OUTBOUND_ACTION, 1)).append("</ActionId>\n")
                .append("   <SessionId xsi:nil=\"true\"/>\n")
                .append("   <EnterpriseUrl>").append(escape(instanceUrl)).append("/services/Soap/c/62.0/").append(organization, 0, 15)
                .append("</EnterpriseUrl>\n")
                .append("   <PartnerUrl>").append(escape(instanceUrl)).append("/services/Soap/u/62.0/").append(organization, 0, 15)
                .append("</PartnerUrl>\n");
        for (Notification notification : batch) {
            Optional<Map<String, Object>> record = org.opportunity(notification.opportunityId());
            xml.append("   <Notification>\n    <Id>").append(notification.id()).append("</Id>\n")
                    .append("    <sObject xsi:type=\"sf:Opportunity\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n")
                    .append("     <sf:Id>").append(notification.opportunityId()).append("</sf:Id>\n");
            for (String field : notification.fields()) {
                Object value = record.map(values -> values.get(field)).orElse(null);
                if (value == null) {
                    xml.append("     <sf:").append(field).append(" xsi:nil=\"true\"/>\n");
                } else {
                    xml.append("     <sf:").append(field).append('>').append(escape(text(value))).append("</sf:").append(field).append(">\n");
                }
            }
            xml.append("    </sObject>\n   </Notification>\n");
        }
        return xml.append("  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n").toString();
    }

    private static String text(Object value) {
        if (value instanceof Instant) {
            return XML_DATETIME.format((Instant) value);
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
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
                    escaped.append(c);
            }
        }
        return escaped.toString();
    }

    synchronized int pending() {
        return pending.size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

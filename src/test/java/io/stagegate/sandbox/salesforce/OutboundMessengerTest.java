package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound Messages reach a receiver, carry the changed fields, and are retried until acknowledged. */
class OutboundMessengerTest {
    private static final String ACK = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>"
            + "</soapenv:Body></soapenv:Envelope>";
    private static final String NACK = ACK.replace("<Ack>true</Ack>", "<Ack>false</Ack>");

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile List<Object[]> script = List.of();
    private HttpServer receiver;
    private SalesforceOrg org;
    private OutboundMessenger messenger;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/outbound", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int call = calls.getAndIncrement();
            Object[] answer = call < script.size() ? script.get(call) : new Object[] {200, ACK};
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders((Integer) answer[0], body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        receiver.start();
        org = new SalesforceOrg(TestDeals.PLAYBOOK, Clock.systemUTC(), "integration@stagegate.sandbox");
        org.seed(TestDeals.many(3));
        URI target = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/outbound");
        messenger = new OutboundMessenger(org, target, "http://sandbox.test/sandbox/salesforce", Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofHours(24), Clock.systemUTC());
        messenger.start();
    }

    @AfterEach
    void stop() {
        messenger.close();
        receiver.stop(0);
    }

    private void awaitDelivered() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (messenger.pending() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(messenger.pending()).isZero();
    }

    @Test
    void sendsTheNotificationsEnvelopeWithTheChangedFields() throws InterruptedException {
        org.update(org.opportunityId(1), Map.of("StageName", "Closed Won"), org.integrationUserId());
        awaitDelivered();
        String message = received.get(0);
        assertThat(message).contains("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">")
                .contains("<OrganizationId>" + org.organizationId() + "</OrganizationId>")
                .contains("<ActionId>04k").contains("<SessionId xsi:nil=\"true\"/>")
                .contains("<EnterpriseUrl>http://sandbox.test/sandbox/salesforce/services/Soap/c/62.0/00D")
                .contains("<PartnerUrl>http://sandbox.test/sandbox/salesforce/services/Soap/u/62.0/00D")
                .contains("<Notification>").contains("<Id>04l")
                .contains("<sObject xsi:type=\"sf:Opportunity\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">")
                .contains("<sf:Id>" + org.opportunityId(1) + "</sf:Id>")
                .contains("<sf:StageName>Closed Won</sf:StageName>").contains("<sf:Probability>100</sf:Probability>")
                .contains("<sf:IsWon>true</sf:IsWon>").doesNotContain("<sf:Name>");
    }

    @Test
    void retriesUntilTheReceiverAcknowledges() throws InterruptedException {
        script = List.<Object[]>of(new Object[] {500, "boom"}, new Object[] {200, NACK}, new Object[] {200, "<not-soap/>"});
        org.update(org.opportunityId(0), Map.of("Name", "Renamed & <escaped>"), org.integrationUserId());
        awaitDelivered();
        assertThat(calls.get()).isEqualTo(4);
        assertThat(received).allSatisfy(message -> assertThat(message).contains("<sf:Name>Renamed &amp; &lt;escaped&gt;</sf:Name>"));
        assertThat(received.stream().map(message -> message.replaceAll("(?s).*<Notification>\\s*<Id>([^<]+)</Id>.*", "$1")).distinct())
                .hasSize(1);
    }

    @Test
    void batchesPendingNotificationsUpToAHundredPerMessage() throws InterruptedException {
        script = List.<Object[]>of(new Object[] {503, "busy"});
        for (int i = 0; i < 130; i++) {
            org.update(org.opportunityId(i % 3), Map.of("Over_Staged__c", i % 2 == 0), org.integrationUserId());
        }
        awaitDelivered();
        int delivered = 0;
        for (String message : received.subList(1, received.size())) {
            int notifications = message.split("<Notification>", -1).length - 1;
            assertThat(notifications).isBetween(1, 100);
            delivered += notifications;
        }
        assertThat(delivered).isEqualTo(130);
    }

    @Test
    void readsTheAckWhateverItsPrefix() {
        assertThat(OutboundMessenger.acknowledged(ACK)).isTrue();
        assertThat(OutboundMessenger.acknowledged(ACK.replace("<Ack>", "<out:Ack xmlns:out=\"x\">").replace("</Ack>", "</out:Ack>"))).isTrue();
        assertThat(OutboundMessenger.acknowledged(NACK)).isFalse();
        assertThat(OutboundMessenger.acknowledged("")).isFalse();
        assertThat(OutboundMessenger.acknowledged("<!DOCTYPE x [<!ENTITY e \"true\">]><Ack>&e;</Ack>")).isFalse();
    }
}

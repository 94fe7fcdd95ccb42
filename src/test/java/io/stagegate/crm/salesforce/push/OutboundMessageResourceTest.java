package io.stagegate.crm.salesforce.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stagegate.testsupport.InboxRows;
import io.stagegate.testsupport.OutboundEnvelopes;
import io.stagegate.testsupport.TestIds;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Outbound Messages: the exact Ack once persisted, a SOAP fault and no row for anything that is not a genuine message. */
@QuarkusTest
class OutboundMessageResourceTest {
    private static final String PATH = "/webhooks/salesforce/outbound";
    private static final String TOKEN = "test-outbound-secret";

    @Inject
    Pool pool;

    @TestHTTPResource(PATH)
    URL endpoint;

    private static Response post(String token, String body) {
        return given().contentType("text/xml; charset=utf-8").header("SOAPAction", "\"\"").queryParam("token", token).body(body)
                .when().post(PATH);
    }

    private static List<String> keys(List<OutboundEnvelopes.Note> notes) {
        return notes.stream().map(note -> "sf-om:" + note.id()).collect(Collectors.toList());
    }

    private void assertNoRows(List<OutboundEnvelopes.Note> notes) {
        assertThat(InboxRows.withKeys(pool, keys(notes))).isEmpty();
    }

    private static void assertFault(Response response, int status, String faultcode, String faultstring) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(response.asString()).contains("<soapenv:Fault><faultcode>soapenv:" + faultcode + "</faultcode>")
                .contains(faultstring).doesNotContain(TOKEN).doesNotContain("<Ack>");
    }

    @Test
    void persistsOneRowPerNotificationThenAnswersTheExactAck() {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity(), OutboundEnvelopes.Note.opportunity());

        Response response = post(TOKEN, OutboundEnvelopes.message(notes));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualToIgnoringCase("text/xml; charset=utf-8");
        assertThat(response.asString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/"
                + "envelope/\"><soapenv:Body><notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack>"
                + "</notificationsResponse></soapenv:Body></soapenv:Envelope>");
        List<InboxRows.InboxRow> rows = InboxRows.withKeys(pool, keys(notes));
        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            InboxRows.InboxRow row = rows.get(i);
            assertThat(row.crm()).isEqualTo("SALESFORCE");
            assertThat(row.source()).isEqualTo("outbound_message");
            assertThat(row.dedupeKey()).isEqualTo("sf-om:" + notes.get(i).id());
            assertThat(row.recordIds()).containsExactly(notes.get(i).recordId());
            assertThat(row.status()).isEqualTo("PENDING");
            assertThat(row.payload()).contains("\"notificationId\":\"" + notes.get(i).id() + "\"", "\"organizationId\":\"" + OutboundEnvelopes.ORG + "\"",
                    "\"sObjectType\":\"Opportunity\"", "\"StageName\":\"Negotiation/Review\"", "\"NextStep\":null")
                    .doesNotContain("secret-session");
        }
    }

    @Test
    void aRedeliveryInsertsNothingAndIsStillAcknowledged() {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity(), OutboundEnvelopes.Note.opportunity());
        String message = OutboundEnvelopes.message(notes);
        assertThat(post(TOKEN, message).statusCode()).isEqualTo(200);

        List<OutboundEnvelopes.Note> overlapping = List.of(notes.get(1), OutboundEnvelopes.Note.opportunity());
        Response again = post(TOKEN, message);
        Response partly = post(TOKEN, OutboundEnvelopes.message(overlapping));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.asString()).contains("<Ack>true</Ack>");
        assertThat(partly.statusCode()).isEqualTo(200);
        List<String> keys = new ArrayList<>(keys(notes));
        keys.add("sf-om:" + overlapping.get(1).id());
        assertThat(InboxRows.withKeys(pool, keys)).extracting(InboxRows.InboxRow::dedupeKey).containsExactlyElementsOf(keys);
    }

    @Test
    void notificationsOfOtherObjectsAreAcknowledgedButNotPersisted() {
        OutboundEnvelopes.Note account = new OutboundEnvelopes.Note(TestIds.salesforce("04l"), "Account", TestIds.salesforce("001"));
        OutboundEnvelopes.Note opportunity = OutboundEnvelopes.Note.opportunity();

        Response response = post(TOKEN, OutboundEnvelopes.message(List.of(account, opportunity)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(InboxRows.withKeys(pool, keys(List.of(account, opportunity)))).extracting(InboxRows.InboxRow::dedupeKey)
                .containsExactly("sf-om:" + opportunity.id());
    }

    @Test
    void aMessageFromAnotherOrgIsAFaultAndPersistsNothing() {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity());

        assertFault(post(TOKEN, OutboundEnvelopes.message("00D5g000000XXXXEAA", notes)), 500, "Client",
                "OrganizationId 00D5g000000XXXXEAA is not the org this endpoint accepts");
        assertNoRows(notes);
    }

    @Test
    void aMissingOrWrongTokenIsAFaultAndPersistsNothing() {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity());
        String message = OutboundEnvelopes.message(notes);

        assertFault(post("test-outbound-secreT", message), 500, "Client", "the token in the endpoint URL is wrong");
        assertFault(given().contentType("text/xml").body(message).when().post(PATH), 500, "Client", "the endpoint URL carries no token parameter");
        assertNoRows(notes);
    }

    @Test
    void malformedXmlIsAFaultAndPersistsNothing() {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity());
        String truncated = OutboundEnvelopes.message(notes).replace("</notifications>", "");

        assertFault(post(TOKEN, truncated), 500, "Client", "the body is not well-formed XML");
        assertFault(post(TOKEN, "{\"not\": \"xml\"}"), 500, "Client", "the body is not well-formed XML");
        assertFault(post(TOKEN, "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"/>"), 500, "Client",
                "the body is not a SOAP 1.1 envelope");
        assertFault(post(TOKEN, OutboundEnvelopes.message(notes).replace("<sf:Id>006", "<sf:Id>006 & ")), 500, "Client",
                "the body is not well-formed XML");
        assertFault(post(TOKEN, OutboundEnvelopes.message(notes).replace(notes.get(0).id(), "04l-not-an-id")), 500, "Client",
                "Notification 1: Id '04l-not-an-id' is not a Salesforce id");
        assertNoRows(notes);
    }

    @Test
    void anExternalEntityIsRefusedUnread() {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity());
        String message = OutboundEnvelopes.message(notes);
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + message.substring(message.indexOf("<soapenv:Envelope")).replace("<sf:StageName>Negotiation/Review", "<sf:StageName>&xxe;");
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
                + message.substring(message.indexOf("<soapenv:Envelope")).replace("<sf:StageName>Negotiation/Review", "<sf:StageName>&lol3;");

        Response xxe = post(TOKEN, external);
        assertFault(xxe, 500, "Client", "DOCTYPE declarations and entities are not allowed");
        assertThat(xxe.asString()).doesNotContain("root:");
        assertFault(post(TOKEN, laughs), 500, "Client", "DOCTYPE declarations and entities are not allowed");
        assertNoRows(notes);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        List<OutboundEnvelopes.Note> notes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            notes.add(OutboundEnvelopes.Note.opportunity());
        }
        String message = OutboundEnvelopes.message(notes).replace("Negotiation/Review", "x".repeat(700));
        assertThat(message.length()).isGreaterThan(64 * 1024);

        assertFault(post(TOKEN, message), 413, "Client", "the request body is larger than 65536 bytes");
        assertNoRows(notes);
    }

    @Test
    void aSenderThatWaitsFor100ContinueIsAnswered() throws Exception {
        List<OutboundEnvelopes.Note> notes = List.of(OutboundEnvelopes.Note.opportunity());
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?token=" + TOKEN)).expectContinue(true).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(OutboundEnvelopes.message(notes))).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Ack>true</Ack>");
        assertThat(InboxRows.withKeys(pool, keys(notes))).hasSize(1);
    }

    @Test
    void persistedNotificationsAreCounted() {
        post(TOKEN, OutboundEnvelopes.message(List.of(OutboundEnvelopes.Note.opportunity()))).then().statusCode(200);

        String metrics = given().when().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("stagegate_inbox_received_total\\{crm=\"salesforce\",outcome=\"accepted\",source=\"outbound_message\"} [1-9]");
    }
}

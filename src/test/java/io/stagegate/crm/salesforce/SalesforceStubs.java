package io.stagegate.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Salesforce answers for WireMock, and the requests the connector sent, oldest first. */
final class SalesforceStubs {
    static final String DATA = "/services/data/v62.0";
    static final String TOKEN = "/services/oauth2/token";
    static final String QUERY = DATA + "/query";
    static final String QUERY_ALL = DATA + "/queryAll";
    static final String DESCRIBE = DATA + "/sobjects/Opportunity/describe";
    static final String COLLECTION = DATA + "/composite/sobjects";
    static final String LIMITS = DATA + "/limits";
    static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer wireMock;

    SalesforceStubs(WireMockServer wireMock) {
        this.wireMock = wireMock;
    }

    /** The default org: a token, the describe of Opportunity, and stage history queries that find nothing. */
    void org() {
        token("tok-1");
        describe();
        history("{\"totalSize\":0,\"done\":true,\"records\":[]}");
    }

    void token(String accessToken) {
        wireMock.stubFor(post(TOKEN).willReturn(tokenResponse(accessToken)));
    }

    ResponseDefinitionBuilder tokenResponse(String accessToken) {
        return okJson("{\"access_token\":\"" + accessToken + "\",\"instance_url\":\"" + wireMock.baseUrl()
                + "\",\"id\":\"https://login.example/id/00D000000000001AAA/005000000000001AAA\",\"token_type\":\"Bearer\","
                + "\"issued_at\":\"1708058728442\",\"scope\":\"api\"}");
    }

    void describe() {
        wireMock.stubFor(get(DESCRIBE).willReturn(okJson(resource("salesforce/describe-opportunity.json"))));
    }

    void history(String body) {
        wireMock.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", matching("SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory .*"))
                .willReturn(okJson(body)));
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"" + message + "\",\"errorCode\":\"" + code + "\"}]");
    }

    static String id(int n) {
        return String.format("006%012dAAA", n);
    }

    /** An opportunity row as Salesforce returns it, with the default playbook's fields. */
    static ObjectNode opportunity(int n, String systemModstamp) {
        ObjectNode record = JSON.createObjectNode();
        record.putObject("attributes").put("type", "Opportunity").put("url", DATA + "/sobjects/Opportunity/" + id(n));
        record.put("Id", id(n));
        record.put("IsDeleted", false);
        record.put("SystemModstamp", systemModstamp);
        record.put("StageName", "Needs Analysis");
        record.put("Amount", 125000.0);
        record.put("CloseDate", "2026-12-31");
        record.put("OwnerId", "005000000000001AAA");
        record.put("RecordTypeId", "0125g0000000EntAAA");
        record.put("CurrencyIsoCode", "EUR");
        record.put("LastStageChangeDate", "2026-11-02T09:30:00.000+0000");
        record.put("Discovery_Meeting_Date__c", "2026-10-01");
        record.putNull("Demo_Date__c");
        record.put("Stakeholders_Confirmed__c", true);
        record.put("Qualified_Probability__c", 20.0);
        record.putNull("Qualified_Stage__c");
        record.putNull("OpportunityContactRoles");
        return record;
    }

    static String page(List<ObjectNode> records, String nextRecordsUrl) {
        ObjectNode page = JSON.createObjectNode();
        page.put("totalSize", records.size());
        page.put("done", nextRecordsUrl == null);
        if (nextRecordsUrl != null) {
            page.put("nextRecordsUrl", nextRecordsUrl);
        }
        ArrayNode array = page.putArray("records");
        records.forEach(array::add);
        return page.toString();
    }

    static List<ObjectNode> opportunities(int from, int count, String systemModstamp) {
        List<ObjectNode> records = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            records.add(opportunity(n, systemModstamp));
        }
        return records;
    }

    /** Every request to {@code path} (no query string), oldest first. */
    List<LoggedRequest> requests(String path) {
        List<LoggedRequest> requests = new ArrayList<>();
        for (ServeEvent event : wireMock.getAllServeEvents()) {
            String url = event.getRequest().getUrl();
            String eventPath = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            if (eventPath.equals(path) || (path.endsWith("*") && eventPath.startsWith(path.substring(0, path.length() - 1)))) {
                requests.add(event.getRequest());
            }
        }
        Collections.reverse(requests);
        return requests;
    }

    /** The SOQL of every request to {@code path}, URL-decoded, oldest first. */
    List<String> soql(String path) {
        return requests(path).stream().map(request -> request.queryParameter("q").firstValue()).toList();
    }

    int total() {
        return wireMock.getAllServeEvents().size();
    }

    static String resource(String name) {
        try (InputStream in = SalesforceStubs.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

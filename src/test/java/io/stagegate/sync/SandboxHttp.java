package io.stagegate.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sandbox process (or a service) over HTTP, as the packaged-app ITs use it: Salesforce's REST API with the sandbox's
 * client credentials, the statistics, the fault settings and the scenario tick. Counts its own Salesforce calls, so
 * that they can be told apart from the service's in the statistics.
 */
final class SandboxHttp {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String DATA = "/sandbox/salesforce/services/data/v62.0";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final AtomicLong ownCalls = new AtomicLong();
    private String token;

    SandboxHttp(String base) {
        this.base = base;
    }

    /** Salesforce calls this client made (the token request included). */
    long ownCalls() {
        return ownCalls.get();
    }

    /** Every record a SOQL query returns, following {@code nextRecordsUrl} (pages of 2,000). */
    List<JsonNode> query(String soql) {
        List<JsonNode> records = new ArrayList<>();
        JsonNode page = salesforce(DATA + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
        while (true) {
            page.get("records").forEach(records::add);
            if (page.path("done").asBoolean(true)) {
                return records;
            }
            page = salesforce(page.get("nextRecordsUrl").asText().replaceFirst("^/services", "/sandbox/salesforce/services"));
        }
    }

    private JsonNode salesforce(String path) {
        if (token == null) {
            ownCalls.incrementAndGet();
            token = send(HttpRequest.newBuilder(URI.create(base + "/sandbox/salesforce/services/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=demo&client_secret=demo"))).get("access_token").asText();
        }
        ownCalls.incrementAndGet();
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Sforce-Query-Options", "batchSize=2000").GET());
    }

    /** {@code GET /sandbox/stats}, the Salesforce part. */
    JsonNode stats() {
        return send(HttpRequest.newBuilder(URI.create(base + "/sandbox/stats")).GET()).get("salesforce");
    }

    /** How often {@code client} updated each record, by record id. */
    Map<String, Long> writesPerRecord(String client) {
        Map<String, Long> counts = new TreeMap<>();
        send(HttpRequest.newBuilder(URI.create(base + "/sandbox/stats/salesforce/writes/" + client)).GET())
                .properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    /** The last few updates of one record by {@code client}, as the sandbox describes them (when, what changed). */
    List<String> writeTrail(String client, String id) {
        List<String> trail = new ArrayList<>();
        send(HttpRequest.newBuilder(URI.create(base + "/sandbox/stats/salesforce/writes/" + client + "/" + id)).GET()).forEach(line -> trail.add(line.asText()));
        return trail;
    }

    /** One round of rep actions; returns the number of changes. */
    int tick() {
        return send(HttpRequest.newBuilder(URI.create(base + "/sandbox/admin/scenario/tick")).POST(HttpRequest.BodyPublishers.noBody()))
                .get("changes").asInt();
    }

    /** Replaces the Salesforce fault rates (the rest of the settings stay), e.g. {@code Map.of()} for none. */
    void faultRates(Map<String, Double> rates) {
        URI uri = URI.create(base + "/sandbox/admin/faults/salesforce");
        ObjectNode settings = (ObjectNode) send(HttpRequest.newBuilder(uri).GET());
        settings.set("rates", JSON.valueToTree(rates));
        send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(settings.toString())));
    }

    /** POSTs JSON and reads JSON (the service's {@code /api/evaluate}). */
    JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A load generator for the push intake (bench/README.md): keeps {@code concurrency} single-event requests in flight
 * against one endpoint of a running Stagegate for a warm-up and a measured period, each event new (so every request
 * inserts one inbox row), and prints requests per second by status and latency percentiles. JDK only:
 *
 * <pre>java bench/intake/IntakeLoad.java http://localhost:8080 events 32 10 30</pre>
 *
 * Arguments: base URL, endpoint (outbound | events | hubspot), concurrency, warm-up seconds, measured seconds. The
 * secrets come from STAGEGATE_SALESFORCE_OUTBOUND_SECRET, STAGEGATE_SALESFORCE_EVENTS_SECRET and
 * STAGEGATE_HUBSPOT_CLIENT_SECRET, as for the service.
 */
public final class IntakeLoad {
    private static final String ORG = System.getenv().getOrDefault("STAGEGATE_SALESFORCE_ORGANIZATION_ID", "00DDn0000000001MAA");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String endpoint = args.length > 1 ? args[1] : "events";
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int measured = args.length > 4 ? Integer.parseInt(args[4]) : 30;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(concurrency);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(measured).toNanos();

        while (System.nanoTime() < end) {
            inFlight.acquire();
            HttpRequest request = request(base, endpoint);
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long done = System.nanoTime();
                completed.incrementAndGet();
                inFlight.release();
                if (sent < measureFrom || done > end) {
                    return;
                }
                if (failure != null) {
                    failures.incrementAndGet();
                } else {
                    statuses.computeIfAbsent(response.statusCode(), status -> new AtomicLong()).incrementAndGet();
                    latencies.add(done - sent);
                }
            });
        }
        inFlight.acquire(concurrency);

        long total = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%s %s, %d in flight, %d s measured after %d s warm-up%n", base, endpoint, concurrency, measured, warmup);
        System.out.printf("requests/s: %.0f  (statuses %s, connection failures %d; %d requests in all, warm-up included)%n", total / (double) measured,
                statuses, failures.get(), completed.get());
        if (!sorted.isEmpty()) {
            System.out.printf("latency ms: p50 %.1f  p99 %.1f  max %.1f%n", millis(sorted, 0.50), millis(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(quantile * (sorted.size() - 1)))) / 1e6;
    }

    private static HttpRequest request(String base, String endpoint) throws Exception {
        switch (endpoint) {
            case "outbound":
                return outbound(base);
            case "hubspot":
                return hubspot(base);
            default:
                return events(base);
        }
    }

    private static HttpRequest outbound(String base) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
                + "<OrganizationId>" + ORG + "</OrganizationId><ActionId>04k000000000001AAA</ActionId><SessionId xsi:nil=\"true\"/>"
                + "<Notification><Id>" + salesforceId("04l") + "</Id><sObject xsi:type=\"sf:Opportunity\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">"
                + "<sf:Id>" + salesforceId("006") + "</sf:Id><sf:StageName>Negotiation/Review</sf:StageName></sObject></Notification>"
                + "</notifications></soapenv:Body></soapenv:Envelope>";
        String token = System.getenv("STAGEGATE_SALESFORCE_OUTBOUND_SECRET");
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/salesforce/outbound?token=" + token)).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest events(String base) throws Exception {
        String body = "{\"events\":[{\"id\":\"" + UUID.randomUUID() + "\",\"recordId\":\"" + salesforceId("006") + "\",\"occurredAt\":\"2026-11-26T09:30:00.000Z\"}]}";
        String t = Long.toString(System.currentTimeMillis() / 1000);
        byte[] mac = hmac(System.getenv("STAGEGATE_SALESFORCE_EVENTS_SECRET"), t + "." + body);
        return HttpRequest.newBuilder(URI.create(base + "/webhooks/salesforce/events")).header("Content-Type", "application/json")
                .header("X-Stagegate-Signature", "t=" + t + ",v1=" + HexFormat.of().formatHex(mac)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest hubspot(String base) throws Exception {
        long now = System.currentTimeMillis();
        long deal = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L) + 1;
        String body = "[{\"eventId\":1,\"subscriptionId\":2001,\"portalId\":62515,\"appId\":1,\"occurredAt\":" + now + ",\"subscriptionType\":\"deal.propertyChange\","
                + "\"attemptNumber\":0,\"objectId\":" + deal + ",\"propertyName\":\"dealstage\",\"propertyValue\":\"contractsent\",\"changeSource\":\"CRM_UI\"}]";
        String url = base + "/webhooks/hubspot";
        String timestamp = Long.toString(now);
        byte[] mac = hmac(System.getenv("STAGEGATE_HUBSPOT_CLIENT_SECRET"), "POST" + url + body + timestamp);
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-HubSpot-Signature-v3", Base64.getEncoder().encodeToString(mac)).header("X-HubSpot-Request-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static byte[] hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String salesforceId(String prefix) {
        String digits = UUID.randomUUID().toString().replace("-", "");
        return prefix + digits.substring(0, 15);
    }
}

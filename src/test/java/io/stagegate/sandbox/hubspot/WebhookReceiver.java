package io.stagegate.sandbox.hubspot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny webhook endpoint on the loopback interface: records every request (raw body and headers) and answers with
 * the status codes it is told to, then 204.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One received request: the raw body and the headers (names lowercase). */
    record Received(String body, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.Queue<Integer> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hubspot/webhooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            received.add(new Received(body, headers));
            Integer failure = failures.poll();
            int status = failure == null ? 204 : failure;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL deliveries should go to, with a query string that needs v3 decoding. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hubspot/webhooks?src=hs%3Asandbox";
    }

    /** Answer the next requests with these statuses (then 204). */
    void failWith(Integer... statuses) {
        failures.addAll(List.of(statuses));
    }

    List<Received> received() {
        return received;
    }

    /** Waits until at least {@code count} requests arrived. */
    List<Received> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

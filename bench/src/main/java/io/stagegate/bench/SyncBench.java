package io.stagegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.testsupport.PackagedApp;
import io.stagegate.testsupport.RestartablePostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync benchmark behind {@code bench/run} (issue 12; PRODUCT.md §7). For each size it starts an embedded
 * PostgreSQL, a standalone sandbox process (a simulated Salesforce org of that many opportunities, a fixed per-call
 * latency, no faults) and one packaged Stagegate service against it, with write-back on and otherwise the production
 * defaults, and prints:
 * <ul>
 *   <li>the backfill: API calls against the minimum the API allows, wall time against the latency floor (calls ×
 *       latency ÷ the concurrency the connector uses, 1), evaluations per second, peak heap and peak RSS;</li>
 *   <li>steady state: reps acting for a while (a compressed day), calls per change;</li>
 *   <li>an idle stretch: calls and records re-processed while nothing changes.</li>
 * </ul>
 * A benchmark, not a test: it asserts nothing, and its figures depend on the machine (print them with its load).
 *
 * <p>Arguments: {@code sizes... [--latency-ms 20] [--heap 256m] [--steady-minutes 2] [--actions-per-tick 20]
 * [--idle-minutes 60] [--settle-minutes 6] [--jfr dir]}: the idle stretch is measured after {@code settle-minutes} without a change
 * (the connector re-reads what changed within its overlap, 5 minutes, plus its lag, 1 minute, at every poll).
 */
public final class SyncBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Salesforce's largest query page, and its largest sObject Collection write. */
    private static final int PAGE = 2000;
    private static final int WRITE_BATCH = 200;
    /** The service's defaults: a poll every 15 s, reading up to 1 minute before now. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(15);
    private static final Duration LAG = Duration.ofMinutes(1);

    private final long latencyMs;
    private final String heap;
    private final int steadyMinutes;
    private final int actionsPerTick;
    private final int idleMinutes;
    private final int settleMinutes;
    /** Where the service and the sandbox write a flight recording each (JFR), or null for none. */
    private final Path jfr;

    private SyncBench(long latencyMs, String heap, int steadyMinutes, int actionsPerTick, int idleMinutes, int settleMinutes, Path jfr) {
        this.latencyMs = latencyMs;
        this.heap = heap;
        this.steadyMinutes = steadyMinutes;
        this.actionsPerTick = actionsPerTick;
        this.idleMinutes = idleMinutes;
        this.settleMinutes = settleMinutes;
        this.jfr = jfr;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                sizes.add(Integer.parseInt(args[i].replace("_", "").replace(",", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000, 1_000_000);
        }
        SyncBench bench = new SyncBench(Long.parseLong(options.getOrDefault("latency-ms", "20")), options.getOrDefault("heap", "256m"),
                Integer.parseInt(options.getOrDefault("steady-minutes", "10")), Integer.parseInt(options.getOrDefault("actions-per-tick", "20")),
                Integer.parseInt(options.getOrDefault("idle-minutes", "60")), Integer.parseInt(options.getOrDefault("settle-minutes", "6")),
                options.containsKey("jfr") ? Path.of(options.get("jfr")).toAbsolutePath() : null);
        PackagedApp.requireJar();
        System.out.printf(Locale.ROOT, "SyncBench: sizes %s, %d ms per Salesforce call, service heap -Xmx%s, steady state %d min at %d actions/s, "
                        + "idle %d min after %d min without a change; machine: %d cores, load average %s%n", sizes, bench.latencyMs, bench.heap,
                bench.steadyMinutes, bench.actionsPerTick, bench.idleMinutes, bench.settleMinutes, Runtime.getRuntime().availableProcessors(),
                loadAverage());
        for (int size : sizes) {
            bench.run(size);
        }
    }

    private void run(int size) throws Exception {
        String name = "bench-" + size;
        try (RestartablePostgres db = RestartablePostgres.start(name)) {
            Map<String, String> sandboxEnv = new LinkedHashMap<>();
            sandboxEnv.put("STAGEGATE_MODE", "sandbox");
            sandboxEnv.put("STAGEGATE_SANDBOX_SEED", "42");
            sandboxEnv.put("STAGEGATE_SANDBOX_SIZE", String.valueOf(size));
            sandboxEnv.put("STAGEGATE_SANDBOX_SEED_ON_START", "true");
            sandboxEnv.put("STAGEGATE_SANDBOX_SCENARIO_INTERVAL_SECONDS", "0");
            sandboxEnv.put("STAGEGATE_SANDBOX_SCENARIO_ACTIONS_PER_TICK", String.valueOf(actionsPerTick));
            sandboxEnv.put("STAGEGATE_SANDBOX_SALESFORCE_LIMITS_FAULTS", "none");
            sandboxEnv.put("STAGEGATE_SANDBOX_SALESFORCE_LIMITS_LATENCY_MS", String.valueOf(latencyMs));
            sandboxEnv.put("STAGEGATE_SANDBOX_SALESFORCE_LIMITS_JITTER_MS", "0");
            // about 3.7 GB held per million Salesforce deals with their history (SandboxHeap), plus room for query pages in flight
            String sandboxHeap = Math.max(768, size / 1000 * 5) + "m";
            PackagedApp sandbox = PackagedApp.of(name + "-sandbox", sandboxEnv, jvmOptions("-Xmx" + sandboxHeap, name + "-sandbox"));
            long seeding = System.nanoTime();
            sandbox.start().awaitReady("/q/health", Duration.ofMinutes(30));
            double seeded = (System.nanoTime() - seeding) / 1e9;
            try {
                Map<String, String> env = new LinkedHashMap<>(db.serviceEnvironment());
                env.put("STAGEGATE_SANDBOX_ENABLED", "false");
                env.put("STAGEGATE_SALESFORCE_ENABLED", "true");
                env.put("STAGEGATE_SALESFORCE_LOGIN_URL", sandbox.url("/sandbox/salesforce"));
                env.put("STAGEGATE_SALESFORCE_AUTH_FLOW", "client-credentials");
                env.put("STAGEGATE_SALESFORCE_CLIENT_ID", "demo");
                env.put("STAGEGATE_SALESFORCE_CLIENT_SECRET", "demo");
                env.put("STAGEGATE_SYNC_WRITE_BACK", "on");
                PackagedApp service = PackagedApp.of(name + "-service", env, jvmOptions("-Xmx" + heap, name + "-service"));
                post(sandbox.url("/sandbox/stats"), "DELETE");
                long started = System.nanoTime();
                service.start();
                try (Sampler sampler = new Sampler(service)) {
                    service.awaitReady("/q/health/ready", Duration.ofMinutes(5));
                    double ready = (System.nanoTime() - started) / 1e9;
                    awaitLog(service, "sync caught up", Duration.ofHours(6));
                    double wall = (System.nanoTime() - started) / 1e9 - ready;
                    JsonNode stats = get(sandbox.url("/sandbox/stats")).get("salesforce");
                    long calls = stats.path("calls").asLong();
                    long minimum = 1 + 2 + ceil(size, PAGE) + ceil(size, WRITE_BATCH);
                    double floor = calls * latencyMs / 1000.0;
                    System.out.printf(Locale.ROOT, "%n%,d opportunities (sandbox seeded in %.1f s, -Xmx%s)%n", size, seeded, sandboxHeap);
                    System.out.printf(Locale.ROOT, "  backfill: %,d calls vs a minimum of %,d (1 token, 2 setup checks, %,d query pages of %,d, %,d writes of %,d): "
                                    + "%.3f x; by endpoint %s%n", calls, minimum, ceil(size, PAGE), PAGE, ceil(size, WRITE_BATCH), WRITE_BATCH,
                            calls / (double) minimum, stats.path("callsByEndpoint"));
                    System.out.printf(Locale.ROOT, "  backfill: service ready in %.1f s, then caught up in %.1f s vs a latency floor of %.1f s (%,d calls x %d ms, "
                            + "one at a time): %.2f x the floor; %,.0f evaluations/s end to end%n", ready, wall, floor, calls, latencyMs, wall / floor,
                            size / wall);
                    System.out.printf(Locale.ROOT, "  backfill: peak heap %,d MB of -Xmx%s (sampled every 500 ms from /q/metrics), peak RSS %,d MB, "
                            + "load average %s%n", sampler.peakHeap() >> 20, heap, sampler.peakRssKb() >> 10, loadAverage());
                    steady(sandbox, service, db);
                    idle(sandbox, service, db);
                }
                service.stop();
            } finally {
                sandbox.stop();
            }
        }
    }

    /** The heap option, plus a flight recording of the whole process into {@code <jfr>/<name>.jfr} when asked for. */
    private String[] jvmOptions(String heapOption, String name) throws IOException {
        if (jfr == null) {
            return new String[] {heapOption};
        }
        Files.createDirectories(jfr);
        return new String[] {heapOption, "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr.resolve(name + ".jfr")};
    }

    /** Reps act once a second for a while (a compressed working day); then the sync must follow and write back. */
    private void steady(PackagedApp sandbox, PackagedApp service, RestartablePostgres db) throws Exception {
        if (steadyMinutes <= 0) {
            return;
        }
        awaitQuiet(db);
        Thread.sleep(POLL_INTERVAL.toMillis() + LAG.toMillis()); // the next poll reads the backfill's own writes back
        post(sandbox.url("/sandbox/stats"), "DELETE");
        long processedBefore = processed(service);
        long changes = 0;
        long end = System.nanoTime() + Duration.ofMinutes(steadyMinutes).toNanos();
        while (System.nanoTime() < end) {
            changes += post(sandbox.url("/sandbox/admin/scenario/tick"), "POST").path("changes").asLong();
            Thread.sleep(1000);
        }
        awaitQuiet(db);
        JsonNode stats = get(sandbox.url("/sandbox/stats")).get("salesforce");
        long calls = stats.path("calls").asLong();
        long polls = Duration.ofMinutes(steadyMinutes).toSeconds() / POLL_INTERVAL.toSeconds();
        System.out.printf(Locale.ROOT, "  steady state, %d min of reps acting: %,d changes; %,d calls (%.2f per change; at least %,d polls of 1 query "
                        + "each); %,d record updates by stagegate; %,d records re-processed; by endpoint %s%n", steadyMinutes, changes, calls,
                changes == 0 ? 0.0 : calls / (double) changes, polls, stats.path("writesByClient").path("stagegate").path("updates").asLong(),
                processed(service) - processedBefore, stats.path("callsByEndpoint"));
    }

    /** Nothing changes: the sync should cost one query per poll and re-process nothing. */
    private void idle(PackagedApp sandbox, PackagedApp service, RestartablePostgres db) throws Exception {
        if (idleMinutes <= 0) {
            return;
        }
        awaitQuiet(db);
        Thread.sleep(Duration.ofMinutes(settleMinutes).toMillis());
        post(sandbox.url("/sandbox/stats"), "DELETE");
        long processedBefore = processed(service);
        Thread.sleep(Duration.ofMinutes(idleMinutes).toMillis());
        JsonNode stats = get(sandbox.url("/sandbox/stats")).get("salesforce");
        long calls = stats.path("calls").asLong();
        long polls = Duration.ofMinutes(idleMinutes).toSeconds() / POLL_INTERVAL.toSeconds();
        System.out.printf(Locale.ROOT, "  idle, %d min (after %d min without a change): %,d calls (%,d polls due; %,.0f calls an hour at this rate), %,d records re-processed; by endpoint %s%n",
                idleMinutes, settleMinutes, calls, polls, calls * 60.0 / idleMinutes, processed(service) - processedBefore, stats.path("callsByEndpoint"));
    }

    private static long processed(PackagedApp service) throws IOException, InterruptedException {
        return get(service.url("/api/sync")).path("thisInstance").path("recordsProcessed").asLong();
    }

    /** Waits until nothing waits in the outbox for two poll intervals in a row. */
    private static void awaitQuiet(RestartablePostgres db) throws InterruptedException {
        long quietSince = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            long open = count(db, "SELECT count(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')");
            if (open > 0) {
                quietSince = 0;
            } else if (quietSince == 0) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 2 * POLL_INTERVAL.toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static long count(RestartablePostgres db, String sql) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void awaitLog(PackagedApp service, String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.countLog(fragment) == 0) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " died:\n" + service.tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " did not log '" + fragment + "' within " + timeout + ":\n" + service.tail(40));
            }
            Thread.sleep(250);
        }
    }

    private static long ceil(long value, long per) {
        return (value + per - 1) / per;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String url, String method) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Samples the service's heap in use (its /q/metrics) twice a second; reads its peak RSS from /proc at the end. */
    private static final class Sampler implements AutoCloseable {
        private final PackagedApp service;
        private final AtomicLong peakHeap = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(PackagedApp service) {
            this.service = service;
            this.thread = new Thread(this::sample, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running) {
                try {
                    HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/q/metrics"))).timeout(Duration.ofSeconds(5))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    long heap = 0;
                    for (String line : metrics.body().split("\n")) {
                        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                            heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        }
                    }
                    peakHeap.accumulateAndGet(heap, Math::max);
                } catch (IOException | RuntimeException notYet) {
                    // not listening yet, or stopping
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peakHeap() {
            return peakHeap.get();
        }

        /** VmHWM: the most resident memory the process has had. */
        long peakRssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(service.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                return -1;
            }
            return -1;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}

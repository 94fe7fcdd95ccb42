package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes deal changes to a webhook URL the way HubSpot does (hubspot.md §7): JSON arrays of up to 100 events, signed v3
 * and v1 with the client secret, retried on any non-2xx answer, connection failure or timeout with growing delays, at
 * most {@code maxRetries} times, each retry carrying the next {@code attemptNumber} and a fresh signature. Never
 * blocks the writer: changes are queued and sent from a small daemon scheduler with the asynchronous HTTP client.
 */
final class WebhookDispatcher implements DealChangeListener, AutoCloseable {
    static final int MAX_BATCH = 100;
    static final long CREATION_SUBSCRIPTION = 1_000;
    static final long DELETION_SUBSCRIPTION = 1_001;
    static final long FIRST_PROPERTY_SUBSCRIPTION = 2_000;
    private static final String USER_AGENT = "HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon-executor";
    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    /** Where and what to deliver, and how to retry. */
    record Settings(URI url, String clientSecret, long portalId, long appId, List<String> properties, boolean creation, boolean deletion,
            Duration batchDelay, Duration timeout, int maxRetries, Duration firstRetryDelay, Duration maxRetryDelay, int maxConcurrentRequests) {
        Settings {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(clientSecret, "clientSecret");
            properties = List.copyOf(properties);
            if (maxRetries < 0 || maxConcurrentRequests < 1) {
                throw new IllegalArgumentException("maxRetries must not be negative and maxConcurrentRequests at least 1");
            }
        }
    }

    private final Settings settings;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, Long> subscriptions = new LinkedHashMap<>();
    private final Queue<WebhookEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicLong eventIds = new AtomicLong(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Semaphore inFlight;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient http;

    WebhookDispatcher(Settings settings, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
        for (String property : settings.properties()) {
            subscriptions.putIfAbsent(property, FIRST_PROPERTY_SUBSCRIPTION + subscriptions.size());
        }
        this.inFlight = new Semaphore(settings.maxConcurrentRequests());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("hubspot-webhooks"));
        this.httpExecutor = Executors.newFixedThreadPool(2, daemon("hubspot-webhooks-http"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).executor(httpExecutor).build();
    }

    @Override
    public void onChange(DealChange change) {
        long objectId = Long.parseLong(change.dealId());
        long occurredAt = change.occurredAt().toEpochMilli();
        ChangeSource source = change.source();
        switch (change.kind()) {
            case CREATED:
                if (settings.creation()) {
                    queue.add(event(CREATION_SUBSCRIPTION, "deal.creation", occurredAt, objectId, null, null, source, "NEW"));
                }
                break;
            case ARCHIVED:
                if (settings.deletion()) {
                    queue.add(event(DELETION_SUBSCRIPTION, "deal.deletion", occurredAt, objectId, null, null, source, "DELETED"));
                }
                break;
            default:
                for (DealChange.PropertyChange property : change.changes()) {
                    Long subscription = subscriptions.get(property.name());
                    if (subscription != null) {
                        queue.add(event(subscription, "deal.propertyChange", occurredAt, objectId, property.name(), property.value(), property.source(), null));
                    }
                }
        }
        if (!queue.isEmpty() && flushScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flush, settings.batchDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Batches delivered (answered 2xx). */
    long delivered() {
        return delivered.get();
    }

    /** Batches given up after the last retry. */
    long abandoned() {
        return abandoned.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }

    private WebhookEvent event(long subscription, String type, long occurredAt, long objectId, String property, String value, ChangeSource source,
            String changeFlag) {
        return new WebhookEvent(eventIds.getAndIncrement(), subscription, settings.portalId(), settings.appId(), occurredAt, type, 0, objectId, property,
                value, source.sourceType(), source.sourceId(), changeFlag);
    }

    private void flush() {
        flushScheduled.set(false);
        List<WebhookEvent> batch = new ArrayList<>();
        WebhookEvent event;
        while ((event = queue.poll()) != null) {
            batch.add(event);
            if (batch.size() == MAX_BATCH) {
                attempt(batch, 0);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            attempt(batch, 0);
        }
    }

    private void attempt(List<WebhookEvent> batch, int attempt) {
        if (!inFlight.tryAcquire()) {
            scheduler.schedule(() -> attempt(batch, attempt), 50, TimeUnit.MILLISECONDS);
            return;
        }
        HttpRequest request;
        try {
            request = request(batch, attempt);
        } catch (RuntimeException e) {
            inFlight.release();
            LOG.log(System.Logger.Level.ERROR, "cannot build a webhook request to " + settings.url(), e);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure == null && response.statusCode() >= 200 && response.statusCode() < 300) {
                delivered.incrementAndGet();
            } else if (attempt < settings.maxRetries()) {
                scheduler.schedule(() -> attempt(batch, attempt + 1), retryDelay(attempt).toMillis(), TimeUnit.MILLISECONDS);
            } else {
                abandoned.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "gave up delivering " + batch.size() + " webhook event(s) to " + settings.url() + " after "
                        + (attempt + 1) + " attempts: " + (failure != null ? failure : "status " + response.statusCode()));
            }
        });
    }

    /** The request of one attempt: the body carries the attempt number, so each attempt is signed anew. */
    private HttpRequest request(List<WebhookEvent> batch, int attempt) {
        List<WebhookEvent> events = new ArrayList<>(batch.size());
        batch.forEach(event -> events.add(event.withAttempt(attempt)));
        String body;
        try {
            body = mapper.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(clock.millis());
        String url = settings.url().toString();
        return HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("X-HubSpot-Signature", WebhookSigner.v1(settings.clientSecret(), body))
                .header("X-HubSpot-Signature-Version", "v1")
                .header("X-HubSpot-Signature-v3", WebhookSigner.v3(settings.clientSecret(), "POST", url, body, timestamp))
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** 1×, 2×, 4×… the first delay, capped. */
    Duration retryDelay(int attempt) {
        long factor = 1L << Math.min(attempt, 20);
        Duration delay = settings.firstRetryDelay().multipliedBy(factor);
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

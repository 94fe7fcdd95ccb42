package io.stagegate.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Admits evaluation requests before any of their body is read, on the event loop: at most
 * {@code stagegate.evaluate.max-concurrent} at once, the others answered 503 with {@code Retry-After} at once. A request
 * holds a worker thread while its body arrives (a multipart body is parsed on one too) and while its answer streams, so
 * without this bound a few hundred slow or stalled uploads hold every worker and health checks, sync and polls stall.
 * Stalled bodies are cut by {@code quarkus.http.read-timeout}. A slot is given back when the exchange ends, however it
 * ends (answered, failed, or the client gone), and so is the request's spooled body, which this class also places.
 */
@Singleton
public class EvaluateAdmission {
    static final String PATH = "/api/evaluate";
    private static final Logger LOG = Logger.getLogger(EvaluateAdmission.class);
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final String BUSY = "{\"type\":\"/problems/busy\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"too many evaluations are in progress; retry after " + RETRY_AFTER_SECONDS + " seconds\"}";

    private final Semaphore slots;
    private final Path spoolDirectory;

    public EvaluateAdmission(EvaluateConfig config) {
        this.slots = new Semaphore(config.maxConcurrent());
        this.spoolDirectory = Path.of(config.spoolDirectory().orElse(System.getProperty("java.io.tmpdir")));
        try {
            Files.createDirectories(this.spoolDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool directory " + this.spoolDirectory, e);
        }
    }

    void admit(@Observes Router router) {
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE).handler(this::admit);
    }

    private void admit(RoutingContext routing) {
        if (!slots.tryAcquire()) {
            routing.response().setStatusCode(503)
                    .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(BUSY);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        routing.addEndHandler(ended -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        });
        routing.next();
    }

    /** A new spool file for the body of {@code routing}'s request, deleted when the exchange ends, however it ends. */
    Path spoolFile(RoutingContext routing) throws IOException {
        Path file = Files.createTempFile(spoolDirectory, "stagegate-evaluate-", ".body");
        routing.addEndHandler(ended -> delete(file));
        return file;
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete the spooled request body %s: %s", file, e.getMessage());
        }
    }

    Path spoolDirectory() {
        return spoolDirectory;
    }
}

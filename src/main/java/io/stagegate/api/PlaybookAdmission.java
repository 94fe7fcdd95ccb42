package io.stagegate.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the playbook writes (of the API and of the web editor) before any body is read, on the event loop (as
 * {@link EvaluateAdmission} does for evaluations): a body must declare its length and be at most {@value #MAX_BODY_BYTES} bytes (a playbook is at most a
 * million characters, plus the JSON escapes around it), else 411 or 413 at once; and at most {@value #MAX_PREVIEWS}
 * previews run at once on this instance, each evaluating every stored opportunity twice, the others 503.
 */
@Singleton
public class PlaybookAdmission {
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    static final int MAX_PREVIEWS = 1;
    /** The API's playbook writes and the web editor's forms, which reach the same validation and preview. */
    private static final String PATHS = "/(api|ui)/playbook/.*";
    private static final int RETRY_AFTER_SECONDS = 5;

    private final Semaphore previews = new Semaphore(MAX_PREVIEWS);

    void admit(@Observes Router router) {
        router.routeWithRegex(HttpMethod.POST, PATHS).order(Integer.MIN_VALUE).handler(this::admit);
    }

    private void admit(RoutingContext routing) {
        String length = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = length != null || routing.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody && length == null) {
            refuse(routing, 411, "Length Required", "send the playbook with a Content-Length (at most " + MAX_BODY_BYTES + " bytes), not chunked");
            return;
        }
        if (length != null && !withinLimit(length)) {
            refuse(routing, 413, "Payload Too Large", "the body may be at most " + MAX_BODY_BYTES + " bytes; a playbook is at most 1,000,000 characters");
            return;
        }
        if (routing.request().path().endsWith("/playbook/preview")) {
            if (!previews.tryAcquire()) {
                routing.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
                refuse(routing, 503, "Service Unavailable", "a playbook preview is running on this instance; retry after " + RETRY_AFTER_SECONDS + " seconds");
                return;
            }
            AtomicBoolean released = new AtomicBoolean();
            routing.addEndHandler(ended -> {
                if (released.compareAndSet(false, true)) {
                    previews.release();
                }
            });
        }
        routing.next();
    }

    private static boolean withinLimit(String length) {
        try {
            long bytes = Long.parseLong(length.trim());
            return bytes >= 0 && bytes <= MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext routing, int status, String title, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
        routing.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}

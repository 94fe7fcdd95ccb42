package io.stagegate.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.ws.rs.core.Response;

/**
 * Reads a push request's body with the intake's own limit ({@code stagegate.intake.max-body-size}) instead of the
 * service-wide one that large evaluation uploads need. The push endpoints declare no body parameter, so the REST layer
 * leaves the request unread (and paused); this reads it without blocking: a declared Content-Length over the limit is
 * refused before a byte is read (a sender waiting for {@code 100 Continue} gets the refusal instead), a body without
 * one (chunked, HTTP/2) as soon as it passes the limit.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The raw body, or a {@link PushRefused} (413) once it is larger than {@code limit} bytes. */
    public static Uni<byte[]> read(HttpServerRequest request, long limit) {
        if (declaredLength(request) > limit) {
            return Uni.createFrom().failure(PushRefused.tooLarge(limit));
        }
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer();
            boolean[] refused = {false};
            request.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + chunk.length() > limit) {
                    refused[0] = true;
                    emitter.fail(PushRefused.tooLarge(limit));
                } else {
                    body.appendBuffer(chunk);
                }
            });
            request.exceptionHandler(failure -> {
                if (!refused[0]) {
                    emitter.fail(failure);
                }
            });
            request.endHandler(end -> {
                if (!refused[0]) {
                    emitter.complete(body.getBytes());
                }
            });
            if (request.version() != HttpVersion.HTTP_1_0 && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                request.response().writeContinue();
            }
            request.resume();
        });
    }

    /**
     * The refusal of a body that was not read to its end: over HTTP/1.1 the connection is closed after the answer, so
     * the unread rest cannot be taken for the next request (HTTP/2 resets just the stream).
     */
    public static Response closeAfter(HttpServerRequest request, Response response) {
        if (response.getStatus() == 413 && request.version() != HttpVersion.HTTP_2) {
            return Response.fromResponse(response).header(HttpHeaders.CONNECTION.toString(), "close").build();
        }
        return response;
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

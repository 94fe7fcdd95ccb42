package io.stagegate.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.api.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads push request bodies under {@code /webhooks} with their own, small limit ({@code stagegate.intake.max-body-size})
 * instead of the service-wide one that large evaluation uploads need: a declared Content-Length over the limit is
 * refused before a byte is read, a chunked body as soon as it passes it. The REST layer then takes the body as read.
 * The refusal is in the sender's format: a SOAP fault for Outbound Messages, a problem for the JSON endpoints.
 */
@ApplicationScoped
public class WebhookBodyLimit {
    static final String PATH = "/webhooks/*";

    private final IntakeConfig config;
    private final IntakeMetrics metrics;
    private final ObjectMapper mapper;

    public WebhookBodyLimit(IntakeConfig config, IntakeMetrics metrics, ObjectMapper mapper) {
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        long limit = config.maxBodySize().asLongValue();
        router.post(PATH).order(-1).handler(BodyHandler.create(false).setBodyLimit(limit)).failureHandler(context -> refuse(context, limit));
    }

    private void refuse(RoutingContext context, long limit) {
        if (context.statusCode() != 413) {
            context.next();
            return;
        }
        String path = context.normalizedPath();
        InboxSource source = path.startsWith("/webhooks/salesforce/outbound") ? InboxSource.SALESFORCE_OUTBOUND_MESSAGE
                : path.startsWith("/webhooks/salesforce/") ? InboxSource.SALESFORCE_SIGNED_EVENT : InboxSource.HUBSPOT_WEBHOOK;
        metrics.count(source, IntakeMetrics.Outcome.TOO_LARGE);
        String contentType;
        String body;
        if (source == InboxSource.SALESFORCE_OUTBOUND_MESSAGE) {
            contentType = SoapMessages.CONTENT_TYPE;
            body = SoapMessages.faultEnvelope(true, "the request body is larger than " + limit + " bytes");
        } else {
            contentType = Problem.MEDIA_TYPE;
            body = json(WebhookProblems.tooLarge(limit));
        }
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, contentType).putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always JSON", e);
        }
    }
}

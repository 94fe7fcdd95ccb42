package io.stagegate.intake;

import io.stagegate.crm.salesforce.SalesforceConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Signed JSON events from Flow HTTP callouts or Apex (docs/push-intake.md): verified with
 * {@code X-Stagegate-Signature}, validated, persisted one row per event keyed {@code sf-ev:<id>}, then answered 202
 * with how many were new and how many were already there.
 */
@Path("/webhooks/salesforce/events")
@Tag(name = "Webhooks")
@Singleton
public class SignedEventResource {
    private static final Logger LOG = Logger.getLogger(SignedEventResource.class);
    private static final InboxSource SOURCE = InboxSource.SALESFORCE_SIGNED_EVENT;

    private final SalesforceConfig config;
    private final IntakeConfig limits;
    private final Inbox inbox;
    private final IntakeMetrics metrics;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SignedEventResource(SalesforceConfig config, IntakeConfig limits, Inbox inbox, IntakeMetrics metrics, ObjectMapper mapper,
            Clock clock) {
        this.config = config;
        this.limits = limits;
        this.inbox = inbox;
        this.metrics = metrics;
        this.mapper = mapper;
        this.clock = clock;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive signed opportunity change events (Flow or Apex callouts)",
            description = "Body {\"events\": [{\"id\", \"recordId\", \"occurredAt\"}]} (1-100 events), header X-Stagegate-Signature: "
                    + "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">. Answers 202 {\"accepted\", \"duplicates\"}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Uni<Response> receive(@Context HttpServerRequest request,
            @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256>") @HeaderParam(StagegateSignature.HEADER) String signature) {
        return RequestBodies.read(request, limits.maxBodySize().asLongValue())
                .flatMap(body -> accept(body, signature))
                .onFailure(PushRefused.class).recoverWithItem(failure -> {
                    PushRefused refused = (PushRefused) failure;
                    metrics.count(SOURCE, refused.outcome());
                    return RequestBodies.closeAfter(request, WebhookProblems.refused(refused));
                });
    }

    /** Verifies, reads and persists one request whose body has been read; {@link PushRefused} when it is not accepted. */
    Uni<Response> accept(byte[] body, String signature) {
        StagegateSignature.verify(signature, body, secret(), clock.instant(), config.eventsTolerance());
        List<InboxEvent> events = SignedEvents.read(mapper, body);
        return inbox.append(SOURCE, events)
                .map(appended -> {
                    metrics.count(SOURCE, IntakeMetrics.Outcome.ACCEPTED, appended.accepted());
                    metrics.count(SOURCE, IntakeMetrics.Outcome.DUPLICATE, appended.duplicates());
                    return Response.accepted(new Receipt(appended.accepted(), appended.duplicates(), null)).type(MediaType.APPLICATION_JSON).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not persist %d signed event(s): %s", events.size(), failure.toString());
                    metrics.count(SOURCE, IntakeMetrics.Outcome.UNAVAILABLE);
                    return WebhookProblems.unavailable();
                });
    }

    private String secret() {
        Optional<String> secret = config.eventsSecret().filter(value -> !value.isBlank());
        if (secret.isEmpty()) {
            throw PushRefused.notConfigured("signed event intake is not configured: set STAGEGATE_SALESFORCE_EVENTS_SECRET");
        }
        return secret.get();
    }
}

package io.stagegate.crm.salesforce.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.intake.InboxEvent;
import io.stagegate.intake.InboxSource;
import io.stagegate.intake.PushBatch;
import io.stagegate.intake.PushRefused;
import io.stagegate.intake.WebhookIntake;
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

/**
 * Signed JSON events from Flow HTTP callouts or Apex (docs/push-intake.md): verified with
 * {@code X-Stagegate-Signature}, validated, persisted one row per event keyed {@code sf-ev:<id>}, then answered 202
 * with how many were new and how many were already there.
 */
@Path("/webhooks/salesforce/events")
@Tag(name = "Webhooks")
@Singleton
public class SignedEventResource {
    private static final InboxSource SOURCE = InboxSource.SALESFORCE_SIGNED_EVENT;

    private final SalesforceConfig config;
    private final WebhookIntake intake;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SignedEventResource(SalesforceConfig config, WebhookIntake intake, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.intake = intake;
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
        return intake.receive(request, SOURCE, body -> accept(body, signature));
    }

    /** Verifies, reads and persists one request whose body has been read; {@link PushRefused} when it is not accepted. */
    public Uni<Response> accept(byte[] body, String signature) {
        StagegateSignature.verify(signature, body, secret(), clock.instant(), config.eventsTolerance());
        List<InboxEvent> events = SignedEvents.read(mapper, body);
        return intake.persist(SOURCE, new PushBatch(events, 0, 0), Response.Status.ACCEPTED, false, "signed event(s)");
    }

    private String secret() {
        Optional<String> secret = config.eventsSecret().filter(value -> !value.isBlank());
        if (secret.isEmpty()) {
            throw PushRefused.notConfigured("signed event intake is not configured: set STAGEGATE_SALESFORCE_EVENTS_SECRET");
        }
        return secret.get();
    }
}

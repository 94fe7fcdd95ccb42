package io.stagegate.crm.hubspot.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.stagegate.crm.hubspot.HubSpotConfig;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * HubSpot webhooks (hubspot.md §7): the v3 signature is checked against the URL HubSpot called (the request's own,
 * or {@code stagegate.hubspot.webhook-base-url} plus the path and query as received, behind a proxy), the deal events
 * are persisted in one statement, and HubSpot gets its 200 at once; the records are read later by the sync engine.
 */
@Path("/webhooks/hubspot")
@Tag(name = "Webhooks")
@Singleton
public class HubSpotWebhookResource {
    private static final InboxSource SOURCE = InboxSource.HUBSPOT_WEBHOOK;

    private final HubSpotConfig config;
    private final WebhookIntake intake;
    private final ObjectMapper mapper;
    private final Clock clock;

    public HubSpotWebhookResource(HubSpotConfig config, WebhookIntake intake, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.intake = intake;
        this.mapper = mapper;
        this.clock = clock;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a HubSpot webhook batch",
            description = "A JSON array of up to 100 events, signed v3 (X-HubSpot-Signature-v3, X-HubSpot-Request-Timestamp) with the app's "
                    + "client secret. Deal events are persisted; answers 200 {\"accepted\", \"duplicates\", \"ignored\"}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Uni<Response> receive(@Context HttpServerRequest request, @HeaderParam(HubSpotSignature.SIGNATURE_HEADER) String signature,
            @HeaderParam(HubSpotSignature.TIMESTAMP_HEADER) String timestamp) {
        return intake.receive(request, SOURCE, body -> accept(request.method().name(), signedUri(request), body, signature, timestamp));
    }

    /** Verifies, reads and persists one request whose body has been read; {@link PushRefused} when it is not accepted. */
    public Uni<Response> accept(String method, String uri, byte[] body, String signature, String timestamp) {
        HubSpotSignature.verify(secret(), method, uri, body, timestamp, signature, clock.instant());
        PushBatch batch = HubSpotEvents.read(mapper, body, config.appId().orElse(null));
        return intake.persist(SOURCE, batch, Response.Status.OK, true, "HubSpot deal event(s)");
    }

    private String secret() {
        Optional<String> secret = config.clientSecret().filter(value -> !value.isBlank());
        if (secret.isEmpty()) {
            throw PushRefused.notConfigured("HubSpot webhook intake is not configured: set STAGEGATE_HUBSPOT_CLIENT_SECRET");
        }
        return secret.get();
    }

    /** The URL HubSpot signed: its scheme, host and any prefix, then the path and query exactly as received. */
    private String signedUri(HttpServerRequest request) {
        String base = config.webhookBaseUrl().filter(url -> !url.isBlank()).map(HubSpotWebhookResource::withoutTrailingSlash)
                .orElseGet(() -> request.scheme() + "://" + request.host());
        return base + request.uri();
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}

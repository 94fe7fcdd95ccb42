package io.stagegate.crm.salesforce.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.stagegate.crm.salesforce.SalesforceConfig;
import io.stagegate.crm.salesforce.SalesforceId;
import io.stagegate.intake.Hmac;
import io.stagegate.intake.Inbox;
import io.stagegate.intake.InboxEvent;
import io.stagegate.intake.InboxSource;
import io.stagegate.intake.IntakeConfig;
import io.stagegate.intake.IntakeMetrics;
import io.stagegate.intake.PushBatch;
import io.stagegate.intake.PushRefused;
import io.stagegate.intake.RequestBodies;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Salesforce Outbound Messages (salesforce.md §5a). Outbound Messages cannot be signed, so the sender proves itself
 * with a secret in the endpoint URL ({@code ?token=}, compared in constant time) and the org id of the message. Each
 * opportunity notification becomes one inbox row keyed {@code sf-om:<notification id>}, and only once every row of
 * the message is persisted does Salesforce get its {@code <Ack>true</Ack>}; anything else is a SOAP fault, which
 * Salesforce retries for up to 24 hours.
 */
@Path("/webhooks/salesforce/outbound")
@Tag(name = "Webhooks")
@Singleton
public class OutboundMessageResource {
    static final String DEDUPE_PREFIX = "sf-om:";
    private static final Logger LOG = Logger.getLogger(OutboundMessageResource.class);
    private static final InboxSource SOURCE = InboxSource.SALESFORCE_OUTBOUND_MESSAGE;

    private final SalesforceConfig config;
    private final IntakeConfig limits;
    private final Inbox inbox;
    private final IntakeMetrics metrics;
    private final ObjectMapper mapper;
    private final AtomicBoolean anyOrgWarned = new AtomicBoolean();
    private final Set<String> ignoredTypesWarned = ConcurrentHashMap.newKeySet();

    public OutboundMessageResource(SalesforceConfig config, IntakeConfig limits, Inbox inbox, IntakeMetrics metrics, ObjectMapper mapper) {
        this.config = config;
        this.limits = limits;
        this.inbox = inbox;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    @POST
    @Produces("text/xml")
    @Operation(summary = "Receive a Salesforce Outbound Message",
            description = "The SOAP notifications envelope of an Outbound Message action on Opportunity. Answers the SOAP Ack once every "
                    + "notification is in the inbox; a SOAP fault (HTTP 500, retried by Salesforce) otherwise.")
    @RequestBody(content = @Content(mediaType = "text/xml"))
    public Uni<Response> receive(@Context HttpServerRequest request,
            @Parameter(description = "The shared secret (STAGEGATE_SALESFORCE_OUTBOUND_SECRET)") @QueryParam("token") String token) {
        return RequestBodies.read(request, limits.maxBodySize().asLongValue())
                .flatMap(body -> accept(body, token))
                .onFailure(PushRefused.class).recoverWithItem(failure -> {
                    PushRefused refused = (PushRefused) failure;
                    metrics.count(SOURCE, refused.outcome());
                    return RequestBodies.closeAfter(request, fault(refused));
                })
                .onFailure().recoverWithItem(unexpected -> {
                    LOG.error("unexpected error while receiving an Outbound Message", unexpected);
                    return SoapMessages.fault(500, false, "unexpected error; the service log has the details");
                });
    }

    /** Authenticates, reads and persists one message whose body has been read; {@link PushRefused} when it is not accepted. */
    public Uni<Response> accept(byte[] body, String token) {
        authenticate(token);
        OutboundMessage message = OutboundMessageParser.parse(body);
        checkOrganization(message.organizationId());
        PushBatch batch = batch(message);
        return inbox.append(SOURCE, batch.events())
                .map(appended -> {
                    metrics.count(SOURCE, IntakeMetrics.Outcome.ACCEPTED, appended.accepted());
                    metrics.count(SOURCE, IntakeMetrics.Outcome.DUPLICATE, appended.duplicates());
                    metrics.count(SOURCE, IntakeMetrics.Outcome.IGNORED, batch.ignored());
                    return SoapMessages.ack();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("could not persist an Outbound Message of %d notification(s); Salesforce will retry it: %s", batch.events().size(),
                            failure.toString());
                    metrics.count(SOURCE, IntakeMetrics.Outcome.UNAVAILABLE);
                    return SoapMessages.fault(500, false, "the message could not be persisted; retry later");
                });
    }

    private void authenticate(String token) {
        Optional<String> secret = config.outboundSecret();
        if (secret.isEmpty() || secret.get().isBlank()) {
            throw PushRefused.notConfigured("Outbound Message intake is not configured: set STAGEGATE_SALESFORCE_OUTBOUND_SECRET");
        }
        if (token == null || token.isEmpty()) {
            throw PushRefused.unauthenticated("the endpoint URL carries no token parameter");
        }
        if (!Hmac.sameSecret(secret.get(), token)) {
            throw PushRefused.unauthenticated("the token in the endpoint URL is wrong");
        }
    }

    private void checkOrganization(String organizationId) {
        Optional<String> expected = config.organizationId().filter(id -> !id.isBlank());
        if (expected.isEmpty()) {
            if (anyOrgWarned.compareAndSet(false, true)) {
                LOG.warnf("Outbound Messages are accepted from any org; this one came from %s. Set STAGEGATE_SALESFORCE_ORGANIZATION_ID to accept "
                        + "only your org's", organizationId);
            }
            return;
        }
        if (!SalesforceId.sameRecord(expected.get().trim(), organizationId)) {
            throw PushRefused.unauthenticated("OrganizationId " + organizationId + " is not the org this endpoint accepts");
        }
    }

    /** One row per opportunity notification; notifications of other objects are acknowledged and dropped. */
    private PushBatch batch(OutboundMessage message) {
        List<InboxEvent> events = new ArrayList<>(message.notifications().size());
        int ignored = 0;
        for (OutboundMessage.Notification notification : message.notifications()) {
            if (!isOpportunity(notification)) {
                ignored++;
                String type = notification.objectType() == null ? "key prefix " + notification.recordId().substring(0, 3) : notification.objectType();
                if (ignoredTypesWarned.add(type)) {
                    LOG.warnf("Outbound Message notifications for %s are acknowledged and ignored: Stagegate reads opportunities only", type);
                }
                continue;
            }
            events.add(new InboxEvent(DEDUPE_PREFIX + notification.id(), List.of(notification.recordId()), payload(message, notification)));
        }
        return new PushBatch(events, ignored, 0);
    }

    private static boolean isOpportunity(OutboundMessage.Notification notification) {
        return notification.objectType() == null ? notification.recordId().startsWith(SalesforceId.OPPORTUNITY_PREFIX)
                : "Opportunity".equals(notification.objectType());
    }

    private String payload(OutboundMessage message, OutboundMessage.Notification notification) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("notificationId", notification.id());
        payload.put("organizationId", message.organizationId());
        payload.put("actionId", message.actionId());
        payload.put("sObjectType", notification.objectType());
        payload.put("fields", notification.fields());
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    private static Response fault(PushRefused refused) {
        boolean senderAtFault = refused.outcome() != IntakeMetrics.Outcome.NOT_CONFIGURED;
        int status = refused.status() == 503 || refused.status() == 413 ? refused.status() : 500;
        return SoapMessages.fault(status, senderAtFault, refused.getMessage());
    }
}

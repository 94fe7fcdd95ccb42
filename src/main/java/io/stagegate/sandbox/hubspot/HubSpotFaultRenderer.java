package io.stagegate.sandbox.hubspot;

import io.stagegate.sandbox.FaultRenderer;
import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxFaultException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Injected faults as HubSpot answers them (hubspot.md §1, §3, §6). */
@ApplicationScoped
class HubSpotFaultRenderer implements FaultRenderer {
    private final HubSpotExchange exchange;
    private final SandboxConfig config;

    HubSpotFaultRenderer(HubSpotExchange exchange, SandboxConfig config) {
        this.exchange = exchange;
        this.config = config;
    }

    @Override
    public SandboxCrm crm() {
        return SandboxCrm.HUBSPOT;
    }

    @Override
    public Response render(SandboxFaultException fault) {
        String correlationId = exchange.correlationId();
        switch (fault.kind()) {
            case RATE_LIMIT:
                return json(429, rateLimit("You have reached your ten_secondly_rolling limit.", correlationId, "TEN_SECONDLY_ROLLING",
                        "groupName", "publicapi:private_app-api-calls-ten-secondly:" + config.hubspot().portalId() + ":" + config.hubspot().appId()));
            case QUOTA_EXCEEDED:
                return json(429, rateLimit("You have reached your daily limit.", correlationId, "DAILY", "requestId", UUID.randomUUID().toString()));
            case SERVER_ERROR:
                return json(500, envelope("internal error", correlationId, "INTERNAL_ERROR", null));
            case UNAVAILABLE:
                return json(503, envelope("Service Unavailable. Pause a few seconds, then retry.", correlationId, "SERVICE_UNAVAILABLE", null));
            case TIMEOUT:
                return json(504, envelope("The request timed out before HubSpot answered. Pause a few seconds, then retry.", correlationId,
                        "GATEWAY_TIMEOUT", null));
            case LOCK_ERROR:
                return json(423, envelope("The record is locked by another request; the lock lasts 2 seconds. Wait at least 2 seconds, then retry.",
                        correlationId, "LOCKED", null));
            case SESSION_EXPIRED:
                return json(401, envelope("The OAuth token used to make this call expired 0 second(s) ago.", correlationId,
                        "EXPIRED_AUTHENTICATION", Map.of("expire time", List.of(HubSpotTime.text(Instant.now())))));
            default:
                return json(500, envelope("internal error", correlationId, "INTERNAL_ERROR", null));
        }
    }

    private static Map<String, Object> rateLimit(String message, String correlationId, String policy, String extraKey, String extraValue) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", correlationId);
        body.put("policyName", policy);
        body.put(extraKey, extraValue);
        return body;
    }

    private static ErrorBody envelope(String message, String correlationId, String category, Map<String, List<String>> context) {
        return new ErrorBody("error", message, correlationId, category, null, null, context, null);
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}

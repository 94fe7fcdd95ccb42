package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals of the simulated API in HubSpot's error envelope. */
class HubSpotExceptionMappers {
    private final HubSpotExchange exchange;
    private final ObjectMapper mapper;
    private final long portalId;

    HubSpotExceptionMappers(HubSpotExchange exchange, ObjectMapper mapper, io.stagegate.sandbox.SandboxConfig config) {
        this.exchange = exchange;
        this.mapper = mapper;
        this.portalId = config.hubspot().portalId();
    }

    @ServerExceptionMapper
    public Response refused(HubSpotApiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body(exchange.correlationId())).build();
    }

    /** Search's own per-second limit, in the older 429 shape clients key on ("You have reached your secondly limit."). */
    @ServerExceptionMapper
    public Response searchLimited(SearchRateLimitException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", "You have reached your secondly limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", exchange.correlationId());
        body.put("policyName", "SECONDLY");
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /**
     * HubSpot's validation failure: the message embeds the JSON list of validation results, {@code errors} lists one
     * entry per refused value with its code and property name.
     */
    @ServerExceptionMapper
    public Response invalid(InvalidPropertiesException e) {
        List<Map<String, Object>> results = new ArrayList<>();
        List<ErrorBody.Detail> details = new ArrayList<>();
        for (InvalidPropertiesException.Invalid problem : e.problems()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("isValid", false);
            result.put("message", problem.message());
            result.put("error", problem.error());
            result.put("name", problem.name());
            result.put("localizedErrorMessage", problem.message());
            result.put("propertyValue", problem.value());
            result.put("portalId", portalId);
            results.add(result);
            details.add(new ErrorBody.Detail(problem.message(), problem.error(), Map.of("propertyName", List.of(problem.name()))));
        }
        String message;
        try {
            message = "Property values were not valid: " + mapper.writeValueAsString(results);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        ErrorBody body = new ErrorBody("error", message, exchange.correlationId(), "VALIDATION_ERROR", null, details, null, null);
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}

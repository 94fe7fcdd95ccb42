package io.stagegate.sandbox.hubspot;

import io.stagegate.sandbox.FrameworkProblem;
import io.stagegate.sandbox.SandboxConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Bearer authentication with the private-app token, and the headers every simulated HubSpot response carries:
 * {@code X-HubSpot-Correlation-Id} always, the rate-limit headers on everything but search and 401s. Refusals the
 * framework renders as problem details (unknown path, wrong method) leave in HubSpot's error envelope.
 */
class HubSpotFilters {
    static final String BASE_PATH = "/sandbox/hubspot";
    private static final String AUTH_MESSAGE = "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find "
            + "more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    private final SandboxConfig config;
    private final HubSpotExchange exchange;
    private final HubSpotCalls calls;
    private final HubSpotOAuth oauth;

    HubSpotFilters(SandboxConfig config, HubSpotExchange exchange, HubSpotCalls calls, HubSpotOAuth oauth) {
        this.config = config;
        this.exchange = exchange;
        this.calls = calls;
        this.oauth = oauth;
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        if (!isHubSpot(request)) {
            return null;
        }
        if (!config.enabled()) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody("error", "The sandbox is disabled (stagegate.sandbox.enabled=false).", exchange.correlationId(),
                            "OBJECT_NOT_FOUND", null, null, null, null))
                    .build();
        }
        if (request.getUriInfo().getPath().equals(HubSpotOAuthResource.PATH)) {
            return null; // the token endpoint takes the client's credentials in its form
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), config.hubspot().token().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        HubSpotOAuth.Standing standing = token == null ? HubSpotOAuth.Standing.UNKNOWN : oauth.standing(token);
        if (standing == HubSpotOAuth.Standing.VALID) {
            return null;
        }
        if (standing == HubSpotOAuth.Standing.EXPIRED) {
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody("error", "The OAuth token used to make this call expired " + oauth.expiredFor(token).toSeconds()
                            + " second(s) ago.", exchange.correlationId(), "EXPIRED_AUTHENTICATION", null, null,
                            Map.of("expire time", List.of(HubSpotTime.text(oauth.expiry(token)))), null))
                    .build();
        }
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("error", AUTH_MESSAGE, exchange.correlationId(), "INVALID_AUTHENTICATION", null, null, null, null))
                .build();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isHubSpot(request)) {
            return;
        }
        response.getHeaders().putSingle("X-HubSpot-Correlation-Id", exchange.correlationId());
        FrameworkProblem.of(response).ifPresent(problem -> response.setEntity(envelope(problem), null, MediaType.APPLICATION_JSON_TYPE));
        if (response.getStatus() == 401) {
            response.getHeaders().putSingle("x-hubspot-auth-failure", "401 Unauthorized");
            return;
        }
        if (!request.getUriInfo().getPath().endsWith("/search")) {
            calls.addRateLimitHeaders(response.getHeaders());
        }
    }

    /** A refusal the framework produced (unknown path, wrong method, unexpected failure) in HubSpot's envelope. */
    private ErrorBody envelope(FrameworkProblem problem) {
        String category = problem.status() == 404 ? "OBJECT_NOT_FOUND" : problem.status() >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR";
        String message = problem.detail() != null ? problem.detail() : problem.title();
        return new ErrorBody("error", message, exchange.correlationId(), category, null, null, null, null);
    }

    private static boolean isHubSpot(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals(BASE_PATH) || path.startsWith(BASE_PATH + "/");
    }
}

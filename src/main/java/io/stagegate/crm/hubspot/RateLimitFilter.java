package io.stagegate.crm.hubspot;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Reads {@code X-HubSpot-RateLimit-*} from every response, errors included. */
final class RateLimitFilter implements ClientResponseFilter {
    private final HubSpotLimits limits;

    RateLimitFilter(HubSpotLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        limits.record(response.getHeaderString("X-HubSpot-RateLimit-Daily"), response.getHeaderString("X-HubSpot-RateLimit-Daily-Remaining"),
                response.getHeaderString("X-HubSpot-RateLimit-Interval-Milliseconds"), response.getHeaderString("X-HubSpot-RateLimit-Max"),
                response.getHeaderString("X-HubSpot-RateLimit-Remaining"));
    }
}

package io.stagegate.sandbox.hubspot;

import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * HubSpot's OAuth token endpoint (v1) under {@code /sandbox/hubspot/oauth/v1/token}: form parameters in the body,
 * the refresh-token grant, HubSpot's answer and its RFC 6749 style errors (hubspot.md §1). Counted by the gate as a
 * login: outside the API quota and never faulted.
 */
@Path("/sandbox/hubspot/oauth/v1/token")
@Tag(name = "Sandbox HubSpot")
public class HubSpotOAuthResource {
    static final String PATH = HubSpotFilters.BASE_PATH + "/oauth/v1/token";

    private final HubSpotOAuth oauth;
    private final SandboxGate gate;
    private final SandboxConfig config;

    HubSpotOAuthResource(HubSpotOAuth oauth, SandboxGate gate, SandboxConfig config) {
        this.oauth = oauth;
        this.gate = gate;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refresh an access token (grant_type=refresh_token, client_id, client_secret, refresh_token)")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("refresh_token") String refreshToken) {
        gate.admitLogin(SandboxCrm.HUBSPOT, "POST /oauth/v1/token");
        try {
            HubSpotOAuth.Grant grant = oauth.refresh(grantType, clientId, clientSecret, refreshToken);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token_type", "bearer");
            body.put("refresh_token", grant.refreshToken());
            body.put("access_token", grant.accessToken());
            body.put("hub_id", config.hubspot().portalId());
            body.put("scopes", List.of("oauth", "crm.objects.deals.read", "crm.objects.deals.write", "crm.schemas.deals.read",
                    "crm.schemas.deals.write"));
            body.put("expires_in", grant.expiresIn());
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (HubSpotOAuth.Refused refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refused.error);
            body.put("error_description", refused.getMessage());
            body.put("status", refused.status);
            body.put("message", refused.getMessage());
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }
}

package io.stagegate.crm.hubspot;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/** HubSpot's OAuth token endpoint: parameters in a form body, never in the query (hubspot.md §1). */
@Produces(MediaType.APPLICATION_JSON)
interface HubSpotOAuthClient {

    @POST
    @Path("oauth/v1/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    OAuthToken token(MultivaluedMap<String, String> form);
}

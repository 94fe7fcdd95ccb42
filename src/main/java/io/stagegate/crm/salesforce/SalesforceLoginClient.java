package io.stagegate.crm.salesforce;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The OAuth 2.0 token endpoint. Built programmatically on the configured login URL (see {@link SalesforceClients}),
 * never injected, so a disabled connector needs no URL.
 */
@Path("/services/oauth2")
interface SalesforceLoginClient {

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    TokenResponse token(MultivaluedMap<String, String> form);
}

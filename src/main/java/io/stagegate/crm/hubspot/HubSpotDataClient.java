package io.stagegate.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The CRM v3 API of one portal (hubspot.md §2–5), rooted at the configured base URL. Every method sends the bearer
 * token it is given, so a replay after an OAuth refresh sends the new one. Batch calls answer 200 or 207 (some inputs
 * failed) with the same body shape; both arrive here as JSON.
 */
@Produces(MediaType.APPLICATION_JSON)
interface HubSpotDataClient {

    String AUTHORIZATION = "Authorization";

    @POST
    @Path("crm/v3/objects/deals/search")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode search(@HeaderParam(AUTHORIZATION) String bearer, String body);

    /** Up to 100 deals by id, 50 when property history is asked for; missing ids come back as errors (207). */
    @POST
    @Path("crm/v3/objects/deals/batch/read")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode batchRead(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("archived") boolean archived, String body);

    /**
     * One page of every deal, live or archived, in id order (hubspot.md §2.2): up to 100 per page, continued with the
     * opaque {@code after} of the page before.
     */
    @GET
    @Path("crm/v3/objects/deals")
    JsonNode list(@HeaderParam(AUTHORIZATION) String bearer, @QueryParam("limit") int limit, @QueryParam("after") String after,
            @QueryParam("properties") String properties, @QueryParam("archived") boolean archived);

    /** Up to 100 deals; 207 when some failed, with one error per failed input. */
    @POST
    @Path("crm/v3/objects/deals/batch/update")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode batchUpdate(@HeaderParam(AUTHORIZATION) String bearer, String body);

    @GET
    @Path("crm/v3/pipelines/deals")
    JsonNode pipelines(@HeaderParam(AUTHORIZATION) String bearer);

    @GET
    @Path("crm/v3/properties/deals")
    JsonNode properties(@HeaderParam(AUTHORIZATION) String bearer);

    @GET
    @Path("crm/v3/properties/deals/groups")
    JsonNode groups(@HeaderParam(AUTHORIZATION) String bearer);

    @POST
    @Path("crm/v3/properties/deals/groups")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode createGroup(@HeaderParam(AUTHORIZATION) String bearer, String body);

    @POST
    @Path("crm/v3/properties/deals")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode createProperty(@HeaderParam(AUTHORIZATION) String bearer, String body);
}

package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The REST data API of one org, rooted at {@code <instance_url>/services/data/v<version>}. The instance URL is known
 * only after login, so {@link SalesforceClients} builds one client per instance URL. Every method sends the bearer
 * token it is given: a replay after a refresh sends the new one.
 */
@Produces(MediaType.APPLICATION_JSON)
interface SalesforceDataClient {

    String AUTHORIZATION = "Authorization";
    String QUERY_OPTIONS = "Sforce-Query-Options";
    String CALL_OPTIONS = "Sforce-Call-Options";

    @GET
    @Path("query")
    QueryResult query(@HeaderParam(AUTHORIZATION) String bearer, @HeaderParam(QUERY_OPTIONS) String options, @QueryParam("q") String soql);

    /** Also returns deleted and merged rows ({@code IsDeleted = true}). */
    @GET
    @Path("queryAll")
    QueryResult queryAll(@HeaderParam(AUTHORIZATION) String bearer, @HeaderParam(QUERY_OPTIONS) String options, @QueryParam("q") String soql);

    /** The next page of a query or queryAll cursor ({@code nextRecordsUrl} ends in {@code /query/<locator>}). */
    @GET
    @Path("query/{locator}")
    QueryResult queryMore(@HeaderParam(AUTHORIZATION) String bearer, @PathParam("locator") String locator);

    /** 200 with the describe, or 304 when nothing changed since {@code ifModifiedSince} (RFC 1123; may be null). */
    @GET
    @Path("sobjects/Opportunity/describe")
    Response describeOpportunity(@HeaderParam(AUTHORIZATION) String bearer, @HeaderParam("If-Modified-Since") String ifModifiedSince);

    /** The describe of OpportunityFieldHistory: its {@code Field} picklist lists the fields with history tracking on. */
    @GET
    @Path("sobjects/OpportunityFieldHistory/describe")
    DescribeResult describeFieldHistory(@HeaderParam(AUTHORIZATION) String bearer);

    @GET
    @Path("limits")
    JsonNode limits(@HeaderParam(AUTHORIZATION) String bearer);

    /** sObject Collections update: up to 200 records, one result per record in request order. */
    @PATCH
    @Path("composite/sobjects")
    @Consumes(MediaType.APPLICATION_JSON)
    List<SaveResult> updateCollection(@HeaderParam(AUTHORIZATION) String bearer, @HeaderParam(CALL_OPTIONS) String callOptions, String body);
}

package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagegate.sandbox.SandboxConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulated deals API under {@code /sandbox/hubspot/crm/v3/objects/deals} (also {@code .../objects/0-3}): list, get,
 * search, create, batch read, batch create, batch update and update, with HubSpot's limits, status codes and error
 * bodies (hubspot.md §2–3).
 */
@Path("/sandbox/hubspot/crm/v3/objects/{objectType}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox HubSpot")
public class HubSpotDealsResource {
    static final int LIST_MAX = 100;
    static final int HISTORY_MAX = 50;
    static final int BATCH_MAX = 100;
    static final String NOT_FOUND_IN_BATCH = "Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.";

    private final HubSpotPortal portal;
    private final HubSpotCalls calls;
    private final ObjectMapper mapper;
    private final long appId;

    HubSpotDealsResource(HubSpotPortal portal, HubSpotCalls calls, ObjectMapper mapper, SandboxConfig config) {
        this.portal = portal;
        this.calls = calls;
        this.mapper = mapper;
        this.appId = config.hubspot().appId();
    }

    @GET
    @Operation(summary = "List deals, paged by an opaque cursor")
    public Response list(@PathParam("objectType") String objectType, @QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("properties") List<String> properties, @QueryParam("propertiesWithHistory") List<String> propertiesWithHistory,
            @QueryParam("associations") List<String> associations, @QueryParam("archived") String archived, @Context UriInfo uri) {
        calls.admit("GET /crm/v3/objects/deals");
        HubSpotRequests.requireDeals(objectType);
        int size = HubSpotRequests.limit(limit, 10, LIST_MAX);
        List<String> history = HubSpotRequests.csv(propertiesWithHistory);
        if (!history.isEmpty() && size > HISTORY_MAX) {
            throw HubSpotApiException.validation("The maximum number of objects that can be read with property histories is " + HISTORY_MAX
                    + ". Please reduce the limit and try again");
        }
        long from = cursor(after);
        boolean wantArchived = "true".equalsIgnoreCase(archived);
        List<String> selected = HubSpotRequests.csv(properties);
        List<String> types = HubSpotRequests.csv(associations);
        List<DealViews.DealObject> results = new ArrayList<>();
        String next = null;
        for (StoredDeal deal : portal.dealsFrom(from)) {
            if (deal.archived() != wantArchived) {
                continue;
            }
            if (results.size() == size) {
                next = deal.id();
                break;
            }
            results.add(DealViews.object(portal, deal, selected, history, types));
        }
        calls.read(results.size());
        DealViews.Paging paging = next == null ? null
                : new DealViews.Paging(new DealViews.NextPage(next, uri.getRequestUriBuilder().replaceQueryParam("after", next).build().toString()));
        return Response.ok(new DealViews.ListPage(results, paging)).build();
    }

    @GET
    @Path("/{dealId}")
    @Operation(summary = "Read one deal")
    public Response get(@PathParam("objectType") String objectType, @PathParam("dealId") String dealId, @QueryParam("properties") List<String> properties,
            @QueryParam("propertiesWithHistory") List<String> propertiesWithHistory, @QueryParam("associations") List<String> associations,
            @QueryParam("archived") String archived, @QueryParam("idProperty") String idProperty) {
        calls.admit("GET /crm/v3/objects/deals/{dealId}");
        HubSpotRequests.requireDeals(objectType);
        StoredDeal deal = find(dealId, idProperty, "true".equalsIgnoreCase(archived));
        if (deal == null) {
            throw HubSpotApiException.objectNotFound(dealId);
        }
        calls.read(1);
        return Response.ok(DealViews.object(portal, deal, HubSpotRequests.csv(properties), HubSpotRequests.csv(propertiesWithHistory),
                HubSpotRequests.csv(associations))).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create one deal: 201 with the deal; without pipeline the default one, without dealstage its first stage")
    public Response create(@PathParam("objectType") String objectType, String body) {
        calls.admit("POST /crm/v3/objects/deals");
        HubSpotRequests.requireDeals(objectType);
        DealCreate input = createInput(HubSpotRequests.json(body, mapper));
        StoredDeal created = portal.createAll(List.of(input), ChangeSource.integration(appId)).get(0);
        calls.written(1);
        return Response.status(Response.Status.CREATED).entity(DealViews.written(portal, created, createdProperties(input))).build();
    }

    @POST
    @Path("/batch/create")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create up to 100 deals: 201, or 400 for the whole batch when a value is invalid")
    public Response batchCreate(@PathParam("objectType") String objectType, String body) {
        calls.admit("POST /crm/v3/objects/deals/batch/create");
        HubSpotRequests.requireDeals(objectType);
        String startedAt = now();
        JsonNode inputs = HubSpotRequests.json(body, mapper).get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [inputs]");
        }
        checkBatchSize(inputs.size());
        List<DealCreate> creates = new ArrayList<>();
        inputs.forEach(input -> creates.add(createInput(input)));
        List<StoredDeal> created = portal.createAll(creates, ChangeSource.integration(appId));
        List<DealViews.DealObject> results = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            results.add(DealViews.written(portal, created.get(i), createdProperties(creates.get(i))));
        }
        calls.written(results.size());
        DealViews.BatchResult result = new DealViews.BatchResult("COMPLETE", results, null, null, startedAt, now());
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    private static DealCreate createInput(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw HubSpotApiException.validation("Invalid input JSON: each input must be an object with properties");
        }
        return new DealCreate(HubSpotRequests.properties(input.get("properties")), HubSpotRequests.associations(input.get("associations")));
    }

    /** What a create answers with: the properties sent, the pipeline and stage the deal got, and the three always there. */
    private static Set<String> createdProperties(DealCreate input) {
        Set<String> names = new LinkedHashSet<>(input.properties().keySet());
        names.add("pipeline");
        names.add("dealstage");
        return names;
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Search deals: filterGroups, one sort, numeric after, at most 10,000 results")
    public Response search(@PathParam("objectType") String objectType, String body) {
        calls.admitSearch("POST /crm/v3/objects/deals/search");
        HubSpotRequests.requireDeals(objectType);
        DealSearch.Query query = DealSearch.parse(body, portal.schema, mapper);
        DealSearch.Page page = DealSearch.run(query, portal);
        List<DealViews.DealObject> results = new ArrayList<>();
        page.results().forEach(deal -> results.add(DealViews.object(portal, deal, query.properties(), List.of(), List.of())));
        calls.read(results.size());
        DealViews.Paging paging = page.nextAfter() == null ? null : new DealViews.Paging(new DealViews.NextPage(page.nextAfter().toString(), null));
        return Response.ok(new DealViews.SearchPage(page.total(), results, paging)).build();
    }

    @POST
    @Path("/batch/read")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Read up to 100 deals by id (50 with property history); 207 when some are missing")
    public Response batchRead(@PathParam("objectType") String objectType, @QueryParam("archived") String archived, String body) {
        calls.admit("POST /crm/v3/objects/deals/batch/read");
        HubSpotRequests.requireDeals(objectType);
        String startedAt = now();
        JsonNode root = HubSpotRequests.json(body, mapper);
        List<String> properties = HubSpotRequests.strings(root.get("properties"), "properties");
        List<String> history = HubSpotRequests.strings(root.get("propertiesWithHistory"), "propertiesWithHistory");
        String idProperty = HubSpotRequests.text(root.get("idProperty"));
        List<String> ids = inputIds(root.get("inputs"));
        if (!history.isEmpty() && ids.size() > HISTORY_MAX) {
            throw HubSpotApiException.validation("The maximum number of inputs supported in a batch request for property histories is " + HISTORY_MAX
                    + ". Please reduce the number of items and try again");
        }
        List<DealViews.DealObject> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String id : ids) {
            StoredDeal deal = find(id, idProperty, "true".equalsIgnoreCase(archived));
            if (deal == null) {
                missing.add(id);
            } else if (seen.add(deal.id())) {
                results.add(DealViews.object(portal, deal, properties, history, List.of()));
            }
        }
        calls.read(results.size());
        List<DealViews.BatchError> errors = missing.isEmpty() ? null
                : List.of(new DealViews.BatchError("error", "OBJECT_NOT_FOUND", NOT_FOUND_IN_BATCH, Map.of("ids", missing)));
        return batch(results, errors, startedAt);
    }

    @POST
    @Path("/batch/update")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Update up to 100 deals; 207 when some are missing, 400 for the whole batch when a value is invalid")
    public Response batchUpdate(@PathParam("objectType") String objectType, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, String body) {
        calls.admit("POST /crm/v3/objects/deals/batch/update");
        HubSpotRequests.requireDeals(objectType);
        String startedAt = now();
        JsonNode inputs = HubSpotRequests.json(body, mapper).get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [inputs]");
        }
        checkBatchSize(inputs.size());
        List<DealUpdate> updates = new ArrayList<>();
        Map<String, String> traceIds = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (JsonNode input : inputs) {
            String id = HubSpotRequests.text(input.get("id"));
            if (id == null) {
                throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [id]");
            }
            if (!ids.add(id)) {
                duplicates.add(id);
            }
            updates.add(new DealUpdate(id, HubSpotRequests.properties(input.get("properties"))));
            traceIds.put(id, HubSpotRequests.text(input.get("objectWriteTraceId")));
        }
        if (!duplicates.isEmpty()) {
            throw HubSpotApiException.validation("Duplicate IDs found in batch input: " + duplicates + ". IDs must be unique");
        }
        Map<String, StoredDeal> before = new LinkedHashMap<>();
        updates.forEach(update -> before.put(update.id(), portal.live(update.id())));
        Map<String, StoredDeal> written = portal.updateAll(updates, ChangeSource.integration(appId));
        String client = HubSpotRequests.client(userAgent);
        List<DealViews.DealObject> results = new ArrayList<>();
        List<DealViews.BatchError> errors = new ArrayList<>();
        for (DealUpdate update : updates) {
            StoredDeal deal = written.get(update.id());
            if (deal != null) {
                calls.updated(client, before.get(update.id()), deal);
                results.add(DealViews.written(portal, deal, update.properties().keySet()));
            } else {
                Map<String, List<String>> context = new LinkedHashMap<>();
                context.put("ids", List.of(update.id()));
                if (traceIds.get(update.id()) != null) {
                    context.put("objectWriteTraceId", List.of(traceIds.get(update.id())));
                }
                errors.add(new DealViews.BatchError("error", "OBJECT_NOT_FOUND", NOT_FOUND_IN_BATCH, context));
            }
        }
        calls.written(results.size());
        return batch(results, errors.isEmpty() ? null : errors, startedAt);
    }

    @PATCH
    @Path("/{dealId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Update one deal's properties")
    public Response update(@PathParam("objectType") String objectType, @PathParam("dealId") String dealId, @QueryParam("idProperty") String idProperty,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, String body) {
        calls.admit("PATCH /crm/v3/objects/deals/{dealId}");
        HubSpotRequests.requireDeals(objectType);
        Map<String, String> properties = HubSpotRequests.properties(HubSpotRequests.json(body, mapper).get("properties"));
        StoredDeal deal = find(dealId, idProperty, false);
        if (deal == null) {
            throw HubSpotApiException.objectNotFound(dealId);
        }
        StoredDeal written = portal.updateAll(List.of(new DealUpdate(deal.id(), properties)), ChangeSource.integration(appId)).get(deal.id());
        if (written == null) {
            throw HubSpotApiException.objectNotFound(dealId);
        }
        calls.updated(HubSpotRequests.client(userAgent), deal, written);
        calls.written(1);
        return Response.ok(DealViews.written(portal, written, properties.keySet())).build();
    }

    private StoredDeal find(String id, String idProperty, boolean archived) {
        if (idProperty == null || idProperty.isBlank() || idProperty.equals("hs_object_id")) {
            StoredDeal deal = portal.stored(id);
            return deal != null && deal.archived() == archived ? deal : null;
        }
        PropertyDefinition definition = portal.schema.get(idProperty).orElse(null);
        if (definition == null || !definition.hasUniqueValue()) {
            throw HubSpotApiException.validation("Property \"" + idProperty + "\" is not a unique property and cannot be used as idProperty");
        }
        return portal.byProperty(idProperty, id, archived).orElse(null);
    }

    private static List<String> inputIds(JsonNode inputs) {
        if (inputs == null || !inputs.isArray()) {
            throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [inputs]");
        }
        checkBatchSize(inputs.size());
        List<String> ids = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = HubSpotRequests.text(input.get("id"));
            if (id == null) {
                throw HubSpotApiException.validation("Invalid input JSON: Some required fields were not set: [id]");
            }
            ids.add(id);
        }
        return ids;
    }

    private static void checkBatchSize(int size) {
        if (size > BATCH_MAX) {
            throw HubSpotApiException.validation("The maximum number of inputs supported in a batch request is " + BATCH_MAX
                    + ". Please reduce the number of items and try again");
        }
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw HubSpotApiException.validation("after must be a cursor taken from paging.next.after, was '" + after + "'");
        }
    }

    private Response batch(List<DealViews.DealObject> results, List<DealViews.BatchError> errors, String startedAt) {
        DealViews.BatchResult body = new DealViews.BatchResult("COMPLETE", results, errors == null ? null : errors.size(), errors, startedAt, now());
        return Response.status(errors == null ? 200 : 207).entity(body).build();
    }

    private String now() {
        return HubSpotTime.text(Instant.now(portal.clock()));
    }
}

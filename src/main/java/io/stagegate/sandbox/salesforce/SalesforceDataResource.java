package io.stagegate.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxFaultException;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulated Salesforce REST API under {@code /sandbox/salesforce/services/data/vNN.N}: query and queryAll with
 * cursors, sObject create, read, update and delete, sObject Collections create and update, describe, the sObject list
 * and limits. Every
 * call passes the sandbox gate (quota, latency, injected faults) and needs a live access token.
 */
@Path("/sandbox/salesforce/services/data")
@Tag(name = "Sandbox Salesforce")
public class SalesforceDataResource {
    static final int DEFAULT_BATCH = 2000;
    static final int MIN_BATCH = 200;
    static final int MAX_COLLECTION = 200;
    private static final Pattern VERSION = Pattern.compile("v[0-9]{2,3}\\.[0-9]");
    private static final List<String> RELEASES = List.of("Summer '23:58.0", "Winter '24:59.0", "Spring '24:60.0", "Summer '24:61.0",
            "Winter '25:62.0", "Spring '25:63.0", "Summer '25:64.0", "Winter '26:65.0", "Spring '26:66.0");

    private final SandboxGate gate;
    private final SandboxConfig config;
    private final SalesforceOrg org;
    private final SalesforceSessions sessions;
    private final QueryCursors cursors;
    private final Clock clock;

    public SalesforceDataResource(SandboxGate gate, SandboxConfig config, SalesforceOrg org, SalesforceSessions sessions, QueryCursors cursors,
            Clock clock) {
        this.gate = gate;
        this.config = config;
        this.org = org;
        this.sessions = sessions;
        this.cursors = cursors;
        this.clock = clock;
    }

    // --- versions and resources ------------------------------------------------------------------------------------

    @GET
    @Operation(summary = "API versions of the simulated Salesforce (no token needed, not counted)")
    public Response versions() {
        enabled();
        List<Map<String, Object>> versions = new ArrayList<>();
        for (String release : RELEASES) {
            String[] parts = release.split(":");
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("label", parts[0]);
            version.put("url", "/services/data/v" + parts[1]);
            version.put("version", parts[1]);
            versions.add(version);
        }
        return SalesforceJson.ok(versions);
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "Resources of one API version")
    public Response resources(@PathParam("version") String version, @Context HttpHeaders headers) {
        enter("GET /", version, headers);
        String base = "/services/data/" + version;
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("limits", base + "/limits");
        resources.put("query", base + "/query");
        resources.put("queryAll", base + "/queryAll");
        resources.put("sobjects", base + "/sobjects");
        resources.put("composite", base + "/composite");
        return SalesforceJson.ok(resources);
    }

    // --- query -----------------------------------------------------------------------------------------------------

    @GET
    @Path("/{version}/query")
    @Operation(summary = "Run a SOQL query (pages of up to 2000; Sforce-Query-Options: batchSize=200..2000)")
    public Response query(@PathParam("version") String version, @QueryParam("q") String soql, @Context HttpHeaders headers) {
        return firstPage(version, soql, false, headers);
    }

    @GET
    @Path("/{version}/queryAll")
    @Operation(summary = "Run a SOQL query including deleted records")
    public Response queryAll(@PathParam("version") String version, @QueryParam("q") String soql, @Context HttpHeaders headers) {
        return firstPage(version, soql, true, headers);
    }

    @GET
    @Path("/{version}/query/{cursor}")
    @Operation(summary = "The next page of a query (the nextRecordsUrl)")
    public Response queryMore(@PathParam("version") String version, @PathParam("cursor") String cursor, @Context HttpHeaders headers) {
        return nextPage(version, cursor, headers, "GET /query/{locator}");
    }

    @GET
    @Path("/{version}/queryAll/{cursor}")
    @Operation(summary = "The next page of a queryAll")
    public Response queryAllMore(@PathParam("version") String version, @PathParam("cursor") String cursor, @Context HttpHeaders headers) {
        return nextPage(version, cursor, headers, "GET /queryAll/{locator}");
    }

    private Response firstPage(String version, String soql, boolean all, HttpHeaders headers) {
        String user = enter(all ? "GET /queryAll" : "GET /query", version, headers);
        if (soql == null) {
            throw new SalesforceApiException(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        CompiledQuery query;
        try {
            query = SoqlCompiler.compile(soql, org.schema(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (SoqlException e) {
            throw new SalesforceApiException(400, e.errorCode(), e.getMessage());
        }
        List<Row> rows = org.read(view -> query.run(view, all));
        if (query.isCount()) {
            return SalesforceJson.ok(page(rows.size(), true, null, List.of()));
        }
        return page(version, query, rows, all, null, 0, batchSize(headers, DEFAULT_BATCH), user);
    }

    private Response nextPage(String version, String locatorAndOffset, HttpHeaders headers, String endpoint) {
        String user = enter(endpoint, version, headers);
        int dash = locatorAndOffset.lastIndexOf('-');
        QueryCursors.Cursor cursor = dash < 0 ? null : cursors.fetch(locatorAndOffset.substring(0, dash), user);
        int offset = -1;
        if (cursor != null) {
            try {
                offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
            } catch (NumberFormatException e) {
                offset = -1;
            }
        }
        if (cursor == null || offset < 0 || offset >= cursor.rows.size()) {
            throw new SalesforceApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(version, cursor.query, cursor.rows, cursor.includeDeleted, cursor, offset, batchSize(headers, cursor.batchSize), user);
    }

    private Response page(String version, CompiledQuery query, List<Row> rows, boolean all, QueryCursors.Cursor cursor, int offset, int batch,
            String user) {
        int end = Math.min(offset + batch, rows.size());
        List<Map<String, Object>> records = org.read(view -> {
            List<Map<String, Object>> projected = new ArrayList<>(end - offset);
            for (Row row : rows.subList(offset, end)) {
                projected.add(query.project(row, view, all, version));
            }
            return projected;
        });
        gate.recordsRead(SandboxCrm.SALESFORCE, records.size());
        boolean done = end >= rows.size();
        String next = null;
        if (!done) {
            QueryCursors.Cursor open = cursor != null ? cursor : cursors.open(query, rows, all, user, batch);
            next = "/services/data/" + version + "/query/" + open.locator + "-" + end;
        }
        return SalesforceJson.ok(page(rows.size(), done, next, records));
    }

    private static Map<String, Object> page(int totalSize, boolean done, String next, List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", totalSize);
        body.put("done", done);
        if (next != null) {
            body.put("nextRecordsUrl", next);
        }
        body.put("records", records);
        return body;
    }

    /** {@code Sforce-Query-Options: batchSize=N}, held to 200..2000; a hint, as in Salesforce, so bad values are ignored. */
    static int batchSize(HttpHeaders headers, int fallback) {
        String options = headers.getHeaderString("Sforce-Query-Options");
        if (options == null) {
            return fallback;
        }
        for (String option : options.split(",")) {
            String[] pair = option.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("batchSize")) {
                try {
                    return Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, Integer.parseInt(pair[1].trim())));
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    // --- sObjects --------------------------------------------------------------------------------------------------

    @GET
    @Path("/{version}/sobjects")
    @Operation(summary = "The simulated sObject types")
    public Response sobjects(@PathParam("version") String version, @Context HttpHeaders headers) {
        enter("GET /sobjects", version, headers);
        List<Map<String, Object>> objects = new ArrayList<>();
        org.schema().objects().forEach(object -> objects.add(SalesforceDescriber.summary(object, version)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encoding", "UTF-8");
        body.put("maxBatchSize", MAX_COLLECTION);
        body.put("sobjects", objects);
        return SalesforceJson.ok(body);
    }

    @GET
    @Path("/{version}/sobjects/{type}")
    @Operation(summary = "Basic information about one sObject type")
    public Response sobject(@PathParam("version") String version, @PathParam("type") String type, @Context HttpHeaders headers) {
        enter("GET /sobjects/{type}", version, headers);
        ObjectSchema object = object(type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objectDescribe", SalesforceDescriber.summary(object, version));
        body.put("recentItems", List.of());
        return SalesforceJson.ok(body);
    }

    @GET
    @Path("/{version}/sobjects/{type}/describe")
    @Operation(summary = "Describe one sObject type (If-Modified-Since gives 304 when nothing changed)")
    public Response describe(@PathParam("version") String version, @PathParam("type") String type, @Context HttpHeaders headers) {
        enter("GET /sobjects/{type}/describe", version, headers);
        ObjectSchema object = object(type);
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(org.metadataModified().atZone(ZoneOffset.UTC));
        Instant since = httpDate(headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE));
        if (since != null && !org.metadataModified().isAfter(since)) {
            return Response.notModified().header(HttpHeaders.LAST_MODIFIED, lastModified).build();
        }
        return Response.fromResponse(SalesforceJson.ok(SalesforceDescriber.describe(object, org, version)))
                .header(HttpHeaders.LAST_MODIFIED, lastModified).build();
    }

    @GET
    @Path("/{version}/sobjects/{type}/{id}")
    @Operation(summary = "Read one record (all fields, or ?fields=A,B)")
    public Response read(@PathParam("version") String version, @PathParam("type") String type, @PathParam("id") String id,
            @QueryParam("fields") String fields, @Context HttpHeaders headers) {
        enter("GET /sobjects/{type}/{id}", version, headers);
        ObjectSchema object = object(type);
        Row row = existing(object, id);
        List<FieldDef> selected = new ArrayList<>();
        if (fields == null || fields.isBlank()) {
            selected.addAll(object.fields());
        } else {
            for (String name : fields.split(",")) {
                FieldDef field = object.field(name.trim());
                if (field == null) {
                    throw new SalesforceApiException(400, "INVALID_FIELD", "No such column '" + name.trim() + "' on entity '" + object.name()
                            + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please "
                            + "reference your WSDL or the describe call for the appropriate names.");
                }
                selected.add(field);
            }
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", CompiledQuery.attributes(row, version));
        selected.forEach(field -> record.put(field.name(), FieldValues.toJson(field, row.get(field))));
        gate.recordsRead(SandboxCrm.SALESFORCE, 1);
        return SalesforceJson.ok(record);
    }

    @POST
    @Path("/{version}/sobjects/{type}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create one record: 201 with {id, success, errors}")
    public Response create(@PathParam("version") String version, @PathParam("type") String type, String body, @Context HttpHeaders headers) {
        String user = enter("POST /sobjects/{type}", version, headers);
        ObjectSchema object = object(type);
        if (!object.updateable()) {
            throw SalesforceApiException.methodNotAllowed("POST", "GET,HEAD");
        }
        Map<FieldDef, Object> values;
        try {
            values = FieldValues.resolve(object, SalesforceJson.values(SalesforceJson.read(body), object.name(), List.of("attributes")));
        } catch (SalesforceRecordException e) {
            throw SalesforceApiException.of(400, e);
        }
        SaveResult result = org.insertAll(List.of(values), true, user, client(headers)).get(0);
        if (!result.success()) {
            throw recordErrors(result);
        }
        gate.recordsWritten(SandboxCrm.SALESFORCE, 1);
        return Response.status(Response.Status.CREATED).entity(SalesforceJson.write(saveResult(result))).type(SalesforceJson.MEDIA_TYPE).build();
    }

    @PATCH
    @Path("/{version}/sobjects/{type}/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Update one record: 204 without body")
    public Response update(@PathParam("version") String version, @PathParam("type") String type, @PathParam("id") String id, String body,
            @Context HttpHeaders headers) {
        String user = enterRecord("PATCH /sobjects/{type}/{id}", version, headers, id);
        ObjectSchema object = object(type);
        if (!object.updateable()) {
            throw SalesforceApiException.methodNotAllowed("PATCH", "GET,HEAD");
        }
        Row row = existing(object, id);
        Map<FieldDef, Object> values;
        try {
            values = FieldValues.resolve(object, SalesforceJson.values(SalesforceJson.read(body), object.name(), List.of("attributes")));
        } catch (SalesforceRecordException e) {
            throw SalesforceApiException.of(400, e);
        }
        SaveResult result = org.updateAll(List.of(new AbstractMap.SimpleEntry<>(row.id(), values)), true, user, client(headers)).get(0);
        if (!result.success()) {
            throw recordErrors(result);
        }
        gate.recordsWritten(SandboxCrm.SALESFORCE, 1);
        return Response.noContent().build();
    }

    @POST
    @Path("/{version}/sobjects/{type}/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Update one record for clients without PATCH: POST ...?_HttpMethod=PATCH")
    public Response updateByPost(@PathParam("version") String version, @PathParam("type") String type, @PathParam("id") String id,
            @QueryParam("_HttpMethod") String method, String body, @Context HttpHeaders headers) {
        if (!"PATCH".equalsIgnoreCase(method)) {
            enabled();
            throw SalesforceApiException.methodNotAllowed("POST", "HEAD,GET,PATCH,DELETE");
        }
        return update(version, type, id, body, headers);
    }

    @DELETE
    @Path("/{version}/sobjects/{type}/{id}")
    @Operation(summary = "Delete one record (to the recycle bin: IsDeleted, visible to queryAll)")
    public Response delete(@PathParam("version") String version, @PathParam("type") String type, @PathParam("id") String id,
            @Context HttpHeaders headers) {
        String user = enterRecord("DELETE /sobjects/{type}/{id}", version, headers, id);
        ObjectSchema object = object(type);
        if (!object.updateable()) {
            throw SalesforceApiException.methodNotAllowed("DELETE", "GET,HEAD");
        }
        org.delete(existing(object, id).id(), user, client(headers));
        gate.recordsWritten(SandboxCrm.SALESFORCE, 1);
        return Response.noContent().build();
    }

    // --- sObject Collections ---------------------------------------------------------------------------------------

    @PATCH
    @Path("/{version}/composite/sobjects")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Update up to 200 records; per-record results in request order, 200 even when records fail")
    public Response updateCollection(@PathParam("version") String version, String body, @Context HttpHeaders headers) {
        return collection("PATCH /composite/sobjects", version, body, headers, false);
    }

    @POST
    @Path("/{version}/composite/sobjects")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create up to 200 records (per-record results in request order, 200 even when records fail); "
            + "with ?_HttpMethod=PATCH an update, for clients without PATCH")
    public Response postCollection(@PathParam("version") String version, @QueryParam("_HttpMethod") String method, String body,
            @Context HttpHeaders headers) {
        if (method == null) {
            return collection("POST /composite/sobjects", version, body, headers, true);
        }
        if (!"PATCH".equalsIgnoreCase(method)) {
            enabled();
            throw SalesforceApiException.methodNotAllowed(method, "POST, PATCH");
        }
        return updateCollection(version, body, headers);
    }

    private Response collection(String endpoint, String version, String body, HttpHeaders headers, boolean insert) {
        enabled();
        checkVersion(version);
        boolean locked = false;
        try {
            gate.admit(SandboxCrm.SALESFORCE, endpoint);
        } catch (SandboxFaultException fault) {
            if (fault.kind() != FaultKind.LOCK_ERROR) {
                throw fault;
            }
            locked = true;
        }
        String user = authenticate(headers);
        JsonNode request = SalesforceJson.read(body);
        if (!request.isObject() || !request.path("records").isArray()) {
            throw SalesforceApiException.jsonParser("Cannot deserialize instance of the request: expected {\"allOrNone\": boolean, \"records\": [...]}");
        }
        JsonNode allOrNoneNode = request.path("allOrNone");
        if (!allOrNoneNode.isMissingNode() && !allOrNoneNode.isNull() && !allOrNoneNode.isBoolean()) {
            throw SalesforceApiException.jsonParser("Cannot deserialize value of type boolean from " + allOrNoneNode.getNodeType() + " (allOrNone)");
        }
        boolean allOrNone = allOrNoneNode.asBoolean(false);
        JsonNode records = request.get("records");
        if (records.size() > MAX_COLLECTION) {
            throw new SalesforceApiException(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }
        List<SaveResult> results = collection(records, allOrNone, locked, user, client(headers), insert);
        List<Map<String, Object>> response = new ArrayList<>();
        long written = 0;
        for (SaveResult result : results) {
            if (result.success()) {
                written++;
            }
            response.add(saveResult(result));
        }
        gate.recordsWritten(SandboxCrm.SALESFORCE, written);
        return SalesforceJson.ok(response);
    }

    /** A save result as Salesforce writes it: {@code {"id","success","errors"}}, without {@code id} when the record failed. */
    private static Map<String, Object> saveResult(SaveResult result) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (result.success()) {
            item.put("id", result.id());
        }
        item.put("success", result.success());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (SaveError error : result.errors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("statusCode", error.statusCode());
            entry.put("message", error.message());
            entry.put("fields", error.fields());
            errors.add(entry);
        }
        item.put("errors", errors);
        return item;
    }

    /**
     * Checks each record's envelope (type, and id for an update), resolves its fields (an unknown field or a value of
     * the wrong shape fails the whole request, as Salesforce's JSON reading does) and writes the valid ones in one
     * transaction. An injected lock error fails the first valid record with {@code UNABLE_TO_LOCK_ROW}, as a row locked
     * by another transaction would.
     */
    private List<SaveResult> collection(JsonNode records, boolean allOrNone, boolean locked, String user, String client, boolean insert) {
        ObjectSchema opportunity = org.schema().require(SalesforceSchema.OPPORTUNITY);
        List<SaveResult> preFailed = new ArrayList<>();
        List<Map.Entry<String, Map<FieldDef, Object>>> valid = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw SalesforceApiException.jsonParser("Cannot deserialize instance of SObject from " + record.getNodeType() + " value");
            }
            SaveError envelope = envelope(record, insert);
            String id = idOf(record);
            Map<FieldDef, Object> values;
            try {
                values = FieldValues.resolve(opportunity, SalesforceJson.values(record, "SObject", insert ? List.of("attributes") : List.of("attributes", "id")));
            } catch (SalesforceRecordException e) {
                if (envelope != null) {
                    preFailed.add(SaveResult.failed(null, List.of(envelope)));
                    continue;
                }
                throw SalesforceApiException.of(400, e);
            }
            if (envelope == null && locked) {
                envelope = SaveError.of("UNABLE_TO_LOCK_ROW", SalesforceFaultRenderer.lockMessage(insert ? user : id));
                locked = false;
            }
            if (envelope != null) {
                preFailed.add(SaveResult.failed(null, List.of(envelope)));
            } else {
                preFailed.add(null);
                valid.add(new AbstractMap.SimpleEntry<>(id, values));
            }
        }
        boolean anyPreFailed = preFailed.stream().anyMatch(result -> result != null);
        List<SaveResult> stored = allOrNone && anyPreFailed ? null : write(valid, allOrNone, user, client, insert);
        List<SaveResult> results = new ArrayList<>();
        for (int i = 0, v = 0; i < preFailed.size(); i++) {
            if (preFailed.get(i) != null) {
                results.add(preFailed.get(i));
            } else if (stored == null) {
                results.add(SaveResult.failed(null, List.of(SaveError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                        "Record rolled back because not all records were valid and the request was using AllOrNone header"))));
                v++;
            } else {
                results.add(stored.get(v++));
            }
        }
        return results;
    }

    private List<SaveResult> write(List<Map.Entry<String, Map<FieldDef, Object>>> records, boolean allOrNone, String user, String client,
            boolean insert) {
        if (!insert) {
            return org.updateAll(records, allOrNone, user, client);
        }
        List<Map<FieldDef, Object>> values = new ArrayList<>();
        records.forEach(record -> values.add(record.getValue()));
        return org.insertAll(values, allOrNone, user, client);
    }

    /** What is wrong with a record's {@code attributes.type} (or, for an update, its {@code id}), or {@code null}. */
    private SaveError envelope(JsonNode record, boolean insert) {
        JsonNode type = record.path("attributes").path("type");
        if (!type.isTextual() || type.asText().isEmpty()) {
            return SaveError.of("INVALID_TYPE", "Must send a concrete entity type.");
        }
        ObjectSchema object = org.schema().object(type.asText());
        if (object == null) {
            return SaveError.of("INVALID_TYPE", "sObject type '" + type.asText() + "' is not supported.");
        }
        if (!object.updateable()) {
            return SaveError.of("INVALID_TYPE_FOR_OPERATION", "entity type " + object.name() + " does not support " + (insert ? "insert" : "update"));
        }
        if (!insert && idOf(record) == null) {
            return SaveError.of("MISSING_ARGUMENT", "Id not specified in an update call");
        }
        return null;
    }

    private static String idOf(JsonNode record) {
        for (java.util.Iterator<String> names = record.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.equalsIgnoreCase("id") && record.get(name).isTextual() && !record.get(name).asText().isEmpty()) {
                return record.get(name).asText();
            }
        }
        return null;
    }

    /** A failed single-record write as the REST API reports it: 400 with the record's errors as the error array. */
    private static SalesforceApiException recordErrors(SaveResult result) {
        List<SalesforceApiException.ApiError> errors = new ArrayList<>();
        result.errors().forEach(error -> errors.add(new SalesforceApiException.ApiError(error.message(), error.statusCode(), error.fields())));
        return new SalesforceApiException(400, errors);
    }

    // --- limits ----------------------------------------------------------------------------------------------------

    @GET
    @Path("/{version}/limits")
    @Operation(summary = "Org limits: DailyApiRequests {Max, Remaining} and friends")
    public Response limits(@PathParam("version") String version, @Context HttpHeaders headers) {
        enter("GET /limits", version, headers);
        SandboxGate.Usage usage = gate.usage(SandboxCrm.SALESFORCE);
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("ConcurrentAsyncGetReportInstances", limit(200, 200));
        limits.put("DailyApiRequests", limit(usage.limit(), Math.max(0, usage.limit() - usage.used())));
        limits.put("DailyAsyncApexExecutions", limit(250_000, 250_000));
        limits.put("DailyBulkApiBatches", limit(15_000, 15_000));
        limits.put("DailyBulkV2QueryFileStorageMB", limit(976_562, 976_562));
        limits.put("DailyBulkV2QueryJobs", limit(10_000, 10_000));
        limits.put("DailyStreamingApiEvents", limit(1_000_000, 1_000_000));
        limits.put("DataStorageMB", limit(1_024, 1_024));
        limits.put("FileStorageMB", limit(1_024, 1_024));
        limits.put("SingleEmail", limit(5_000, 5_000));
        return SalesforceJson.ok(limits);
    }

    private static Map<String, Object> limit(long max, long remaining) {
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("Max", max);
        limit.put("Remaining", remaining);
        return limit;
    }

    // --- common ----------------------------------------------------------------------------------------------------

    /**
     * Checks the sandbox is on and the version, passes the gate, and returns the caller's user id. An injected session
     * expiry really ends the caller's session, so the token stays dead as an expired one does.
     */
    private String enter(String endpoint, String version, HttpHeaders headers) {
        enabled();
        checkVersion(version);
        try {
            gate.admit(SandboxCrm.SALESFORCE, endpoint);
        } catch (SandboxFaultException fault) {
            if (fault.kind() == FaultKind.SESSION_EXPIRED) {
                sessions.revoke(token(headers));
            }
            throw fault;
        }
        return authenticate(headers);
    }

    /** As {@link #enter}, but an injected lock error names the record the call is about. */
    private String enterRecord(String endpoint, String version, HttpHeaders headers, String id) {
        try {
            return enter(endpoint, version, headers);
        } catch (SandboxFaultException fault) {
            if (fault.kind() == FaultKind.LOCK_ERROR) {
                String normalized = SalesforceIds.normalize(id);
                throw new SalesforceApiException(400, "UNABLE_TO_LOCK_ROW", SalesforceFaultRenderer.lockMessage(normalized == null ? id : normalized));
            }
            throw fault;
        }
    }

    private void enabled() {
        if (!config.enabled()) {
            throw SalesforceApiException.notFound();
        }
    }

    private static void checkVersion(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw SalesforceApiException.notFound();
        }
    }

    private String authenticate(HttpHeaders headers) {
        return sessions.authenticate(token(headers)).orElseThrow(SalesforceApiException::sessionInvalid);
    }

    /** The access token of an {@code Authorization: Bearer ...} (or the older {@code OAuth ...}) header. */
    static String token(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? "" : trimmed.substring(0, space);
        return scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("OAuth") ? trimmed.substring(space + 1).trim() : null;
    }

    private ObjectSchema object(String type) {
        ObjectSchema object = org.schema().object(type);
        if (object == null) {
            throw SalesforceApiException.notFound();
        }
        return object;
    }

    /** The record an sObject URL names; a malformed id reads as an external id field Salesforce does not know. */
    private Row existing(ObjectSchema object, String id) {
        String normalized = SalesforceIds.normalize(id);
        if (normalized == null || !normalized.startsWith(object.keyPrefix())) {
            throw new SalesforceApiException(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }
        Row row = org.row(normalized);
        if (row == null) {
            throw SalesforceApiException.notFound();
        }
        if (row.isDeleted()) {
            throw new SalesforceApiException(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        return row;
    }

    /** The {@code client=} of {@code Sforce-Call-Options}, which Salesforce reports as the change's origin. */
    static String client(HttpHeaders headers) {
        String options = headers.getHeaderString("Sforce-Call-Options");
        if (options == null) {
            return null;
        }
        for (String option : options.split(",")) {
            String[] pair = option.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("client")) {
                return pair[1].trim();
            }
        }
        return null;
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

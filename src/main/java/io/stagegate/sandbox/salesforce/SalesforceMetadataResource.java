package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The metadata resources of the simulated Salesforce REST API: the API versions and resources, the sObject list, one
 * sObject's summary and describe, and the org limits.
 */
@Path("/sandbox/salesforce/services/data")
@Tag(name = "Sandbox Salesforce")
public class SalesforceMetadataResource {
    private static final List<String> RELEASES = List.of("Summer '23:58.0", "Winter '24:59.0", "Spring '24:60.0", "Summer '24:61.0",
            "Winter '25:62.0", "Spring '25:63.0", "Summer '25:64.0", "Winter '26:65.0", "Spring '26:66.0");

    private final SalesforceApiEntry entry;
    private final SandboxGate gate;
    private final SalesforceOrg org;

    public SalesforceMetadataResource(SalesforceApiEntry entry, SandboxGate gate, SalesforceOrg org) {
        this.entry = entry;
        this.gate = gate;
        this.org = org;
    }

    @GET
    @Operation(summary = "API versions of the simulated Salesforce (no token needed, not counted)")
    public Response versions() {
        entry.enabled();
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
        entry.enter("GET /", version, headers);
        String base = "/services/data/" + version;
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("limits", base + "/limits");
        resources.put("query", base + "/query");
        resources.put("queryAll", base + "/queryAll");
        resources.put("sobjects", base + "/sobjects");
        resources.put("composite", base + "/composite");
        return SalesforceJson.ok(resources);
    }

    @GET
    @Path("/{version}/sobjects")
    @Operation(summary = "The simulated sObject types")
    public Response sobjects(@PathParam("version") String version, @Context HttpHeaders headers) {
        entry.enter("GET /sobjects", version, headers);
        List<Map<String, Object>> objects = new ArrayList<>();
        org.schema().objects().forEach(object -> objects.add(SalesforceDescriber.summary(object, version)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("encoding", "UTF-8");
        body.put("maxBatchSize", SalesforceCompositeResource.MAX_COLLECTION);
        body.put("sobjects", objects);
        return SalesforceJson.ok(body);
    }

    @GET
    @Path("/{version}/sobjects/{type}")
    @Operation(summary = "Basic information about one sObject type")
    public Response sobject(@PathParam("version") String version, @PathParam("type") String type, @Context HttpHeaders headers) {
        entry.enter("GET /sobjects/{type}", version, headers);
        ObjectSchema object = entry.object(type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objectDescribe", SalesforceDescriber.summary(object, version));
        body.put("recentItems", List.of());
        return SalesforceJson.ok(body);
    }

    @GET
    @Path("/{version}/sobjects/{type}/describe")
    @Operation(summary = "Describe one sObject type (If-Modified-Since gives 304 when nothing changed)")
    public Response describe(@PathParam("version") String version, @PathParam("type") String type, @Context HttpHeaders headers) {
        entry.enter("GET /sobjects/{type}/describe", version, headers);
        ObjectSchema object = entry.object(type);
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(org.metadataModified().atZone(ZoneOffset.UTC));
        Instant since = httpDate(headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE));
        if (since != null && !org.metadataModified().isAfter(since)) {
            return Response.notModified().header(HttpHeaders.LAST_MODIFIED, lastModified).build();
        }
        return Response.fromResponse(SalesforceJson.ok(SalesforceDescriber.describe(object, org, version)))
                .header(HttpHeaders.LAST_MODIFIED, lastModified).build();
    }

    @GET
    @Path("/{version}/limits")
    @Operation(summary = "Org limits: DailyApiRequests {Max, Remaining} and friends")
    public Response limits(@PathParam("version") String version, @Context HttpHeaders headers) {
        entry.enter("GET /limits", version, headers);
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

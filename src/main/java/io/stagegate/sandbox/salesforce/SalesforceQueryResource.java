package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The query resources of the simulated Salesforce REST API: query and queryAll (deleted records too) with their
 * cursors ({@code nextRecordsUrl}), pages of up to 2000 records.
 */
@Path("/sandbox/salesforce/services/data")
@Tag(name = "Sandbox Salesforce")
public class SalesforceQueryResource {
    static final int DEFAULT_BATCH = 2000;
    static final int MIN_BATCH = 200;

    private final SalesforceApiEntry entry;
    private final SandboxGate gate;
    private final SalesforceOrg org;
    private final QueryCursors cursors;
    private final Clock clock;

    public SalesforceQueryResource(SalesforceApiEntry entry, SandboxGate gate, SalesforceOrg org, QueryCursors cursors, Clock clock) {
        this.entry = entry;
        this.gate = gate;
        this.org = org;
        this.cursors = cursors;
        this.clock = clock;
    }

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
        String user = entry.enter(all ? "GET /queryAll" : "GET /query", version, headers);
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
        String user = entry.enter(endpoint, version, headers);
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
}

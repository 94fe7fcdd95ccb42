package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.SandboxCrm;
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
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sObject resources of the simulated Salesforce REST API for one record: read, create, update (PATCH, or POST
 * with {@code _HttpMethod=PATCH}) and delete (to the recycle bin).
 */
@Path("/sandbox/salesforce/services/data")
@Tag(name = "Sandbox Salesforce")
public class SalesforceSObjectResource {
    private final SalesforceApiEntry entry;
    private final SandboxGate gate;
    private final SalesforceOrg org;

    public SalesforceSObjectResource(SalesforceApiEntry entry, SandboxGate gate, SalesforceOrg org) {
        this.entry = entry;
        this.gate = gate;
        this.org = org;
    }

    @GET
    @Path("/{version}/sobjects/{type}/{id}")
    @Operation(summary = "Read one record (all fields, or ?fields=A,B)")
    public Response read(@PathParam("version") String version, @PathParam("type") String type, @PathParam("id") String id,
            @QueryParam("fields") String fields, @Context HttpHeaders headers) {
        entry.enter("GET /sobjects/{type}/{id}", version, headers);
        ObjectSchema object = entry.object(type);
        Row row = entry.existing(object, id);
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
        String user = entry.enter("POST /sobjects/{type}", version, headers);
        ObjectSchema object = entry.object(type);
        if (!object.updateable()) {
            throw SalesforceApiException.methodNotAllowed("POST", "GET,HEAD");
        }
        Map<FieldDef, Object> values;
        try {
            values = FieldValues.resolve(object, SalesforceJson.values(SalesforceJson.read(body), object.name(), List.of("attributes")));
        } catch (SalesforceRecordException e) {
            throw SalesforceApiException.of(400, e);
        }
        SaveResult result = org.insertAll(List.of(values), true, user, SalesforceApiEntry.client(headers)).get(0);
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
        String user = entry.enterRecord("PATCH /sobjects/{type}/{id}", version, headers, id);
        ObjectSchema object = entry.object(type);
        if (!object.updateable()) {
            throw SalesforceApiException.methodNotAllowed("PATCH", "GET,HEAD");
        }
        Row row = entry.existing(object, id);
        Map<FieldDef, Object> values;
        try {
            values = FieldValues.resolve(object, SalesforceJson.values(SalesforceJson.read(body), object.name(), List.of("attributes")));
        } catch (SalesforceRecordException e) {
            throw SalesforceApiException.of(400, e);
        }
        SaveResult result = org.updateAll(List.of(new AbstractMap.SimpleEntry<>(row.id(), values)), true, user, SalesforceApiEntry.client(headers)).get(0);
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
            entry.enabled();
            throw SalesforceApiException.methodNotAllowed("POST", "HEAD,GET,PATCH,DELETE");
        }
        return update(version, type, id, body, headers);
    }

    @DELETE
    @Path("/{version}/sobjects/{type}/{id}")
    @Operation(summary = "Delete one record (to the recycle bin: IsDeleted, visible to queryAll)")
    public Response delete(@PathParam("version") String version, @PathParam("type") String type, @PathParam("id") String id,
            @Context HttpHeaders headers) {
        String user = entry.enterRecord("DELETE /sobjects/{type}/{id}", version, headers, id);
        ObjectSchema object = entry.object(type);
        if (!object.updateable()) {
            throw SalesforceApiException.methodNotAllowed("DELETE", "GET,HEAD");
        }
        org.delete(entry.existing(object, id).id(), user, SalesforceApiEntry.client(headers));
        gate.recordsWritten(SandboxCrm.SALESFORCE, 1);
        return Response.noContent().build();
    }

    /** A save result as Salesforce writes it: {@code {"id","success","errors"}}, without {@code id} when the record failed. */
    static Map<String, Object> saveResult(SaveResult result) {
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

    /** A failed single-record write as the REST API reports it: 400 with the record's errors as the error array. */
    private static SalesforceApiException recordErrors(SaveResult result) {
        List<SalesforceApiException.ApiError> errors = new ArrayList<>();
        result.errors().forEach(error -> errors.add(new SalesforceApiException.ApiError(error.message(), error.statusCode(), error.fields())));
        return new SalesforceApiException(400, errors);
    }
}

package io.stagegate.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxFaultException;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sObject Collections of the simulated Salesforce REST API: create and update of up to 200 opportunities in one
 * call, per-record results in request order, with or without {@code allOrNone}.
 */
@Path("/sandbox/salesforce/services/data")
@Tag(name = "Sandbox Salesforce")
public class SalesforceCompositeResource {
    static final int MAX_COLLECTION = 200;

    private final SalesforceApiEntry entry;
    private final SandboxGate gate;
    private final SalesforceOrg org;

    public SalesforceCompositeResource(SalesforceApiEntry entry, SandboxGate gate, SalesforceOrg org) {
        this.entry = entry;
        this.gate = gate;
        this.org = org;
    }

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
            entry.enabled();
            throw SalesforceApiException.methodNotAllowed(method, "POST, PATCH");
        }
        return updateCollection(version, body, headers);
    }

    private Response collection(String endpoint, String version, String body, HttpHeaders headers, boolean insert) {
        entry.enabled();
        SalesforceApiEntry.checkVersion(version);
        boolean locked = false;
        try {
            gate.admit(SandboxCrm.SALESFORCE, endpoint);
        } catch (SandboxFaultException fault) {
            if (fault.kind() != FaultKind.LOCK_ERROR) {
                throw fault;
            }
            locked = true;
        }
        String user = entry.authenticate(headers);
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
        List<SaveResult> results = collection(records, allOrNone, locked, user, SalesforceApiEntry.client(headers), insert);
        List<Map<String, Object>> response = new ArrayList<>();
        long written = 0;
        for (SaveResult result : results) {
            if (result.success()) {
                written++;
            }
            response.add(SalesforceSObjectResource.saveResult(result));
        }
        gate.recordsWritten(SandboxCrm.SALESFORCE, written);
        return SalesforceJson.ok(response);
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
}

package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.SandboxConfig;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Run-time hooks of the simulated Salesforce for tests and rehearsals: end every session, release every cursor. */
@Path("/sandbox/salesforce/admin")
@Tag(name = "Sandbox")
public class SalesforceAdminResource {
    private final SandboxConfig config;
    private final SalesforceSessions sessions;
    private final QueryCursors cursors;

    public SalesforceAdminResource(SandboxConfig config, SalesforceSessions sessions, QueryCursors cursors) {
        this.config = config;
        this.sessions = sessions;
        this.cursors = cursors;
    }

    @DELETE
    @Path("/sessions")
    @Operation(summary = "Expire every access token: the next call with one gets 401 INVALID_SESSION_ID")
    public Response expireSessions() {
        enabled();
        sessions.expireAll();
        return Response.noContent().build();
    }

    @DELETE
    @Path("/query-locators")
    @Operation(summary = "Release every query cursor: the next nextRecordsUrl gets 400 INVALID_QUERY_LOCATOR")
    public Response expireQueryLocators() {
        enabled();
        cursors.expireAll();
        return Response.noContent().build();
    }

    private void enabled() {
        if (!config.enabled()) {
            throw new NotFoundException("the sandbox is disabled (stagegate.sandbox.enabled=false)");
        }
    }
}

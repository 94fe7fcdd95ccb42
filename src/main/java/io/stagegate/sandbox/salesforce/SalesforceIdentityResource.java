package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The identity URL a token response names in {@code id}: who the token's user is (jsforce's {@code identity()}). */
@Path("/sandbox/salesforce/id")
@Tag(name = "Sandbox Salesforce")
public class SalesforceIdentityResource {
    private final SandboxGate gate;
    private final SandboxConfig config;
    private final SalesforceOrg org;
    private final SalesforceSessions sessions;

    public SalesforceIdentityResource(SandboxGate gate, SandboxConfig config, SalesforceOrg org, SalesforceSessions sessions) {
        this.gate = gate;
        this.config = config;
        this.org = org;
        this.sessions = sessions;
    }

    @GET
    @Path("/{organizationId}/{userId}")
    @Operation(summary = "Identity of a token's user")
    public Response identity(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        if (!config.enabled()) {
            throw SalesforceApiException.notFound();
        }
        gate.admitLogin(SandboxCrm.SALESFORCE, "GET /id");
        String caller = sessions.authenticate(SalesforceApiEntry.token(headers)).orElseThrow(SalesforceApiException::sessionInvalid);
        Row user = org.row(userId);
        if (!org.organizationId().equals(SalesforceIds.normalize(organizationId)) || user == null || !user.id().equals(caller)) {
            throw new SalesforceApiException(403, "INSUFFICIENT_ACCESS", "You do not have access to this identity");
        }
        String instance = SalesforceOAuthResource.instanceUrl(uri);
        String data = instance + "/services/data/v{version}/";
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("rest", data);
        urls.put("sobjects", data + "sobjects/");
        urls.put("query", data + "query/");
        urls.put("profile", instance + "/" + user.id());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("id", instance + "/id/" + org.organizationId() + "/" + user.id());
        identity.put("asserted_user", true);
        identity.put("user_id", user.id());
        identity.put("organization_id", org.organizationId());
        identity.put("username", user.get("Username"));
        identity.put("nick_name", user.get("Username"));
        identity.put("display_name", user.get("Name"));
        identity.put("email", user.get("Email"));
        identity.put("email_verified", true);
        identity.put("first_name", user.get("FirstName"));
        identity.put("last_name", user.get("LastName"));
        identity.put("timezone", "GMT");
        identity.put("active", user.get("IsActive"));
        identity.put("user_type", "STANDARD");
        identity.put("language", "en_US");
        identity.put("locale", "en_US");
        identity.put("utcOffset", 0);
        identity.put("urls", urls);
        return SalesforceJson.ok(identity);
    }
}

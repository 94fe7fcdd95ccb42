package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxGate;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The simulated OAuth 2.0 token endpoint: client credentials (id and secret in the form or a Basic header) and the JWT
 * bearer flow, answering with Salesforce's token JSON and its {@code {"error","error_description"}} errors.
 */
@Path("/sandbox/salesforce/services/oauth2")
@Tag(name = "Sandbox Salesforce")
public class SalesforceOAuthResource {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Set<String> LOGIN_AUDIENCES = Set.of("https://login.salesforce.com", "https://test.salesforce.com");

    private final SandboxGate gate;
    private final SandboxConfig config;
    private final SalesforceOrg org;
    private final SalesforceSessions sessions;
    private final Clock clock;
    private final PublicKey jwtKey;

    public SalesforceOAuthResource(SandboxGate gate, SandboxConfig config, SalesforceOrg org, SalesforceSessions sessions, Clock clock) {
        this.gate = gate;
        this.config = config;
        this.org = org;
        this.sessions = sessions;
        this.clock = clock;
        this.jwtKey = config.salesforce().jwtPublicKey().filter(pem -> !pem.isBlank()).map(JwtBearer::publicKey).orElse(null);
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "OAuth 2.0 token endpoint of the simulated Salesforce (client_credentials, JWT bearer)")
    public Response token(String body, @HeaderParam("Authorization") String authorization, @Context UriInfo uri) {
        if (!config.enabled()) {
            return SalesforceJson.error(SalesforceApiException.notFound());
        }
        gate.admitLogin(SandboxCrm.SALESFORCE, "POST /services/oauth2/token");
        Map<String, String> form = form(body);
        String instanceUrl = instanceUrl(uri);
        String grantType = form.get("grant_type");
        if ("client_credentials".equals(grantType)) {
            return clientCredentials(form, authorization, instanceUrl);
        }
        if (JWT_BEARER.equals(grantType)) {
            return jwtBearer(form, instanceUrl, uri);
        }
        return refuse("unsupported_grant_type", "grant type not supported");
    }

    private Response clientCredentials(Map<String, String> form, String authorization, String instanceUrl) {
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return refuse("invalid_client", "invalid client credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return refuse("invalid_client", "invalid client credentials");
            }
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            clientSecret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (clientId == null || !constantTimeEquals(clientId, config.salesforce().clientId())) {
            return refuse("invalid_client_id", "client identifier invalid");
        }
        if (clientSecret == null || !constantTimeEquals(clientSecret, config.salesforce().clientSecret())) {
            return refuse("invalid_client", "invalid client credentials");
        }
        String token = sessions.issue(org.organizationId(), org.integrationUserId());
        String id = instanceUrl + "/id/" + org.organizationId() + "/" + org.integrationUserId();
        String issuedAt = Long.toString(clock.millis());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token);
        response.put("signature", signature(config.salesforce().clientSecret(), id + issuedAt));
        response.put("scope", "api");
        response.put("instance_url", instanceUrl);
        response.put("id", id);
        response.put("token_type", "Bearer");
        response.put("issued_at", issuedAt);
        return SalesforceJson.ok(response);
    }

    private Response jwtBearer(Map<String, String> form, String instanceUrl, UriInfo uri) {
        JwtBearer.Claims claims;
        try {
            claims = JwtBearer.verify(form.get("assertion"), jwtKey);
        } catch (JwtBearer.Refused refused) {
            return refuse(refused.error, refused.getMessage());
        }
        if (claims.issuer() == null || !claims.issuer().equals(config.salesforce().clientId())) {
            return refuse("invalid_client_id", "client identifier invalid");
        }
        if (claims.audience().stream().noneMatch(audience -> audienceAccepted(audience, instanceUrl, uri))) {
            return refuse("invalid_grant", "audience is invalid");
        }
        if (claims.expiresAt() + JwtBearer.SKEW_SECONDS < clock.millis() / 1000) {
            return refuse("invalid_grant", "expired authorization code");
        }
        if (claims.subject() == null || !claims.subject().equalsIgnoreCase(org.integrationUsername())) {
            return refuse("invalid_grant", "user hasn't approved this consumer");
        }
        String token = sessions.issue(org.organizationId(), org.integrationUserId());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token);
        response.put("scope", "api");
        response.put("instance_url", instanceUrl);
        response.put("id", instanceUrl + "/id/" + org.organizationId() + "/" + org.integrationUserId());
        response.put("token_type", "Bearer");
        return SalesforceJson.ok(response);
    }

    /** The login URLs, the sandbox's own instance URL and its host: what a client configured for the sandbox sends. */
    private static boolean audienceAccepted(String audience, String instanceUrl, UriInfo uri) {
        String trimmed = audience.endsWith("/") ? audience.substring(0, audience.length() - 1) : audience;
        String base = uri.getBaseUri().toString();
        String host = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return LOGIN_AUDIENCES.contains(trimmed.toLowerCase(Locale.ROOT)) || trimmed.equals(instanceUrl) || trimmed.equals(host);
    }

    static String instanceUrl(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/sandbox/salesforce";
    }

    /** Base64 HMAC-SHA256 of {@code id + issued_at} keyed by the client secret, as Salesforce signs its token responses. */
    static String signature(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static Response refuse(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.status(400).entity(SalesforceJson.write(body)).type(SalesforceJson.MEDIA_TYPE).build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                form.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                form.putIfAbsent(name, value);
            }
        }
        return form;
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

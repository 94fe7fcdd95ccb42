package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.security.AccessTokens;
import io.stagegate.security.WebSessions;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Signing in to the web UI with a token (the same tokens as the API), and out again. Open to everyone by nature; the
 * token decides the role. The browser keeps a sealed session cookie ({@link WebSessions}), never the token.
 */
@Path("/ui")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInPage {
    private final AccessTokens tokens;
    private final WebSessions sessions;
    private final SecurityIdentity identity;

    public SignInPage(AccessTokens tokens, WebSessions sessions, SecurityIdentity identity) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(Caller caller, String next, String error, boolean readsOpen, boolean generated);
    }

    @GET
    @Path("/signin")
    public TemplateInstance form(@QueryParam("next") String next) {
        return page(WebDoor.safeNext(next), null);
    }

    @POST
    @Path("/signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next, @Context UriInfo uri) {
        Optional<AccessTokens.Grant> grant = token == null || token.isBlank() ? Optional.empty() : tokens.grantOf(token.strip());
        if (grant.isEmpty()) {
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE)
                    .entity(page(WebDoor.safeNext(next), "That token is not one this service accepts.")).build();
        }
        return Response.seeOther(URI.create(WebDoor.safeNext(next))).cookie(cookie(sessions.open(grant.get()), WebSessions.LIFETIME.toSeconds(), uri))
                .build();
    }

    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf, @Context UriInfo uri) {
        Caller.requireCsrf(identity, csrf);
        return Response.seeOther(URI.create("/ui/signin")).cookie(cookie("", 0, uri)).build();
    }

    private TemplateInstance page(String next, String error) {
        return Templates.signin(Caller.of(identity), next, error, tokens.readsOpen(), tokens.generatedAdminToken().isPresent());
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure behind HTTPS. */
    private static NewCookie cookie(String value, long maxAge, UriInfo uri) {
        return new NewCookie.Builder(WebSessions.COOKIE).value(value).path("/").maxAge((int) maxAge).httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme())).sameSite(NewCookie.SameSite.STRICT).build();
    }
}

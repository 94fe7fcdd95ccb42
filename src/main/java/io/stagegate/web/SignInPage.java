package io.stagegate.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stagegate.security.AccessTokens;
import io.stagegate.security.SingleSignOnLogin;
import io.stagegate.security.WebSessions;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
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
 * Signing in to the web UI with a token (the same tokens as the API), or through the OIDC provider when single sign-on
 * is configured ({@link SingleSignOnLogin}), and out again. Open to everyone by nature; the token or the provider's
 * roles claim decides the role. The browser keeps a sealed session cookie ({@link WebSessions}), never a token.
 */
@Path("/ui")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInPage {
    private final AccessTokens tokens;
    private final WebSessions sessions;
    private final SingleSignOnLogin singleSignOn;
    private final SecurityIdentity identity;

    public SignInPage(AccessTokens tokens, WebSessions sessions, SingleSignOnLogin singleSignOn, SecurityIdentity identity) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.singleSignOn = singleSignOn;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(Caller caller, String next, String error, boolean readsOpen, boolean generated, boolean sso);

        static native TemplateInstance signedin(String user, String role, String next);
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

    /** Sends the browser to the provider's sign-in, with the state, nonce and PKCE verifier in a short-lived cookie. */
    @GET
    @Path("/signin/sso")
    public Response singleSignOn(@QueryParam("next") String next, @Context UriInfo uri) {
        if (!singleSignOn.offered()) {
            return refused(404, WebDoor.safeNext(next), "Single sign-on is not configured on this instance: sign in with a token.");
        }
        try {
            SingleSignOnLogin.Redirect redirect = singleSignOn.begin(callback(uri), WebDoor.safeNext(next));
            return Response.seeOther(redirect.location()).cookie(attempt(redirect.cookie(), SingleSignOnLogin.PATIENCE.toSeconds(), uri)).build();
        } catch (SingleSignOnLogin.Refused e) {
            return refused(e.status(), WebDoor.safeNext(next), e.getMessage());
        }
    }

    /**
     * Where the provider sends the browser back. The answer is a page that moves on by itself rather than a redirect:
     * this request arrives from the provider's site, and a browser sends a SameSite=Strict cookie on a navigation this
     * service's own page starts, not on a redirect at the end of another site's chain.
     */
    @GET
    @Path("/signin/callback")
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code, @QueryParam("error") String error,
            @CookieParam(SingleSignOnLogin.COOKIE) String attempt, @Context UriInfo uri) {
        if (!singleSignOn.offered()) {
            return refused(404, WebDoor.safeNext(null), "Single sign-on is not configured on this instance: sign in with a token.");
        }
        try {
            SingleSignOnLogin.SignedIn signedIn = singleSignOn.complete(attempt, state, code, error, callback(uri));
            String next = WebDoor.safeNext(signedIn.next());
            return Response.ok(Templates.signedin(signedIn.user(), signedIn.role(), next), MediaType.TEXT_HTML_TYPE)
                    .cookie(cookie(signedIn.session(), WebSessions.LIFETIME.toSeconds(), uri), attempt("", 0, uri)).build();
        } catch (SingleSignOnLogin.Refused e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE).entity(page(WebDoor.safeNext(null), e.getMessage()))
                    .cookie(attempt("", 0, uri)).build();
        }
    }

    @POST
    @Path("/signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf, @Context UriInfo uri) {
        Caller.requireCsrf(identity, csrf);
        return Response.seeOther(URI.create("/ui/signin")).cookie(cookie("", 0, uri)).build();
    }

    private TemplateInstance page(String next, String error) {
        return Templates.signin(Caller.of(identity), next, error, tokens.readsOpen(), tokens.generatedAdminToken().isPresent(),
                singleSignOn.offered());
    }

    private Response refused(int status, String next, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page(next, message)).build();
    }

    /** The redirect URI registered with the provider for this service. */
    private static URI callback(UriInfo uri) {
        return uri.getBaseUriBuilder().path("ui/signin/callback").build();
    }

    /**
     * The sign-in under way: SameSite=Lax, because the provider's redirect back is a navigation from its site, which a
     * Strict cookie would not accompany; only the sign-in paths receive it.
     */
    private static NewCookie attempt(String value, long maxAge, UriInfo uri) {
        return new NewCookie.Builder(SingleSignOnLogin.COOKIE).value(value).path("/ui/signin").maxAge((int) maxAge).httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme())).sameSite(NewCookie.SameSite.LAX).build();
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure behind HTTPS. */
    private static NewCookie cookie(String value, long maxAge, UriInfo uri) {
        return new NewCookie.Builder(WebSessions.COOKIE).value(value).path("/").maxAge((int) maxAge).httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme())).sameSite(NewCookie.SameSite.STRICT).build();
    }
}

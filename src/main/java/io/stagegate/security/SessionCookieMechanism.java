package io.stagegate.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The web UI's sign-in: on the UI's paths only, a valid session cookie ({@link WebSessions}) yields the role its token
 * granted. A missing, expired or foreign cookie leaves the request anonymous, so the page sends the browser to sign in.
 * Tried after {@link BearerTokenMechanism}: a request with an {@code Authorization} header is judged by that alone.
 */
@ApplicationScoped
public class SessionCookieMechanism implements HttpAuthenticationMechanism {
    private final WebSessions sessions;

    public SessionCookieMechanism(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!WebSessions.covers(context.request().path())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(WebSessions.COOKIE);
        return sessions.read(cookie == null ? null : cookie.getValue())
                .map(session -> identityProviderManager.authenticate(new SessionRequest(session, sessions.csrfToken(session))))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, WebSessions.COOKIE));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }
}

package io.stagegate.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>}. Without that header the request is anonymous (and the endpoint decides
 * whether anonymous is enough); with it, {@link TokenIdentityProvider} says what the token grants. Cookies are never
 * read: a page on another site can make a browser send cookies, never this header, so no change can be forged cross-site.
 *
 * <p>It runs before the OIDC extension's own mechanism (a higher priority): a request with this header gets its answer
 * here, a service token or, with single sign-on on, a provider's token ({@link SingleSignOn}); the extension's mechanism
 * only ever sees requests without it, and lets them through anonymous.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {
    static final String SCHEME = "Bearer";
    private static final String PREFIX = SCHEME.toLowerCase(Locale.ROOT) + " ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = token(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new BearerTokenRequest(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", SCHEME + " realm=\"stagegate\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerTokenRequest.class);
    }

    /** Above the OIDC extension's mechanism (quarkus.oidc.priority, 1001 by default). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME.toLowerCase(Locale.ROOT)));
    }

    /** The token of a Bearer header (the scheme is case-insensitive), or null for no header or another scheme. */
    static String token(String header) {
        if (header == null || header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).strip();
        return token.isEmpty() ? null : token;
    }
}

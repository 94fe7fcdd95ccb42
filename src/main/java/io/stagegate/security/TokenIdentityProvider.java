package io.stagegate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a bearer token into an identity with its roles: one of the service's own tokens first (compared in constant
 * time, {@link AccessTokens}), else, with single sign-on on, a token of the OIDC provider. A token that is neither
 * fails (401), whatever the endpoint.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<BearerTokenRequest> {
    private final AccessTokens tokens;
    private final SingleSignOn singleSignOn;

    public TokenIdentityProvider(AccessTokens tokens, SingleSignOn singleSignOn) {
        this.tokens = tokens;
        this.singleSignOn = singleSignOn;
    }

    @Override
    public Class<BearerTokenRequest> getRequestType() {
        return BearerTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerTokenRequest request, AuthenticationRequestContext context) {
        return tokens.grantOf(request.token())
                .map(grant -> Uni.createFrom().<SecurityIdentity>item(identity(grant)))
                .orElseGet(() -> singleSignOn.enabled() ? singleSignOn.authenticate(request.token())
                        : Uni.createFrom().failure(new AuthenticationFailedException("the bearer token is not one this service accepts")));
    }

    private static SecurityIdentity identity(AccessTokens.Grant grant) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(grant.principal()))
                .addRole(Roles.VIEWER);
        if (Roles.ADMIN.equals(grant.role())) {
            builder.addRole(Roles.ADMIN);
        }
        return builder.build();
    }
}

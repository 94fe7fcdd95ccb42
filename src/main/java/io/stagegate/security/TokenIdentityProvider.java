package io.stagegate.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a bearer token into an identity with its roles; a token nobody configured fails (401), whatever the endpoint. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final AccessTokens tokens;

    public TokenIdentityProvider(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return tokens.grantOf(request.getToken().getToken())
                .map(grant -> Uni.createFrom().<SecurityIdentity>item(identity(grant)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("the bearer token is not one this service accepts")));
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

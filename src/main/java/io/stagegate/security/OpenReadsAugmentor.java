package io.stagegate.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * With no token configured at all (the laptop demo), an anonymous caller may read: it gets {@code viewer}, never
 * {@code admin}. With any token configured this adds nothing.
 */
@ApplicationScoped
public class OpenReadsAugmentor implements SecurityIdentityAugmentor {
    private final AccessTokens tokens;

    public OpenReadsAugmentor(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() || !tokens.readsOpen()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Roles.VIEWER).build());
    }
}

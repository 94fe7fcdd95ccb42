package io.stagegate.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A UI session's identity: the same principal and roles as the token it was opened with, plus its CSRF token. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
    @Override
    public Class<SessionRequest> getRequestType() {
        return SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
        WebSessions.Session session = request.session();
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.principal()))
                .addRole(Roles.VIEWER)
                .addAttribute(WebSessions.CSRF_ATTRIBUTE, request.csrfToken());
        if (Roles.ADMIN.equals(session.role())) {
            builder.addRole(Roles.ADMIN);
        }
        return Uni.createFrom().item(builder.build());
    }
}

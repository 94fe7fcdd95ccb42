package io.stagegate.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Oidc;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Access tokens of an OIDC provider, when one is configured: Quarkus' OIDC extension verifies a token (signature
 * against the provider's published keys, issuer, expiry, audience) and reads the roles claim; this maps the claim's
 * values to {@code admin} or {@code viewer} ({@link RoleMapping}). Bearer tokens of the service's own are checked
 * first ({@link TokenIdentityProvider}); only a token that is none of them is handed to the provider.
 *
 * <p>The extension's default tenant is created here, from these settings, when the extension starts ({@link Oidc}),
 * and only when a provider URL is set. application.properties disables the default tenant the extension would build
 * from {@code quarkus.oidc.*} properties: without a provider URL that tenant fails the start of the packaged service
 * ("'quarkus.oidc.auth-server-url' property must be configured"); tests hid it, because in test mode the extension's
 * own OIDC dev service set a URL (it is switched off too, so tests start as production does).
 */
@ApplicationScoped
public class SingleSignOn {
    private static final Logger LOG = Logger.getLogger(SingleSignOn.class);
    static final String PRINCIPAL_PREFIX = "oidc:";

    private final AuthConfig.Oidc config;
    private final RoleMapping mapping;
    private final Instance<TenantIdentityProvider> provider;

    public SingleSignOn(AuthConfig config, Instance<TenantIdentityProvider> provider) {
        this.config = config.oidc();
        this.mapping = RoleMapping.of(this.config);
        this.provider = provider;
        if (enabled() && mapping.isEmpty()) {
            throw new IllegalStateException("STAGEGATE_OIDC_AUTH_SERVER_URL is set, but neither STAGEGATE_OIDC_ADMIN_ROLES nor "
                    + "STAGEGATE_OIDC_VIEWER_ROLES names a value of the " + this.config.rolesClaim() + " claim: no signed-in user "
                    + "could do anything. Name the groups or roles that grant admin and viewer (comma-separated).");
        }
    }

    /** Creates the default tenant: a service (bearer tokens only, no login redirect) of the configured provider. */
    void createTenant(@Observes Oidc oidc) {
        if (!enabled()) {
            return;
        }
        var tenant = OidcTenantConfig.authServerUrl(config.authServerUrl().orElseThrow().strip())
                .tenantEnabled(true) // the configured default tenant is disabled (application.properties); this one is not
                .applicationType(ApplicationType.SERVICE)
                .roles().roleClaimPath(config.rolesClaim()).end();
        config.audience().filter(audience -> !audience.isEmpty()).ifPresent(audience -> tenant.token().audience(audience).end());
        oidc.create(tenant.build());
    }

    void announce(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        LOG.infof("Single sign-on: access tokens of %s are accepted; claim %s grants admin for %s and viewer for %s",
                config.authServerUrl().orElseThrow(), config.rolesClaim(), new TreeSet<>(mapping.admin()), new TreeSet<>(mapping.viewer()));
        if (config.audience().isEmpty()) {
            LOG.warn("Single sign-on without STAGEGATE_OIDC_AUDIENCE: a token this provider issued for any other application is "
                    + "accepted too, if its user has a mapped group. Set the audience Stagegate's tokens are issued for.");
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** True when a signed-in user can be an admin: then no admin token needs to be generated for the run. */
    public boolean grantsAdmin() {
        return enabled() && !mapping.admin().isEmpty();
    }

    /** The identity {@code token} proves, with the Stagegate role its claim grants (none: 403 on every endpoint). */
    public Uni<SecurityIdentity> authenticate(String token) {
        return provider.get().authenticate(new AccessTokenCredential(token))
                .onFailure().transform(e -> e instanceof AuthenticationFailedException ? e
                        : new AuthenticationFailedException("the access token could not be verified: " + e.getMessage(), e))
                .map(this::mapped);
    }

    private SecurityIdentity mapped(SecurityIdentity verified) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(PRINCIPAL_PREFIX + verified.getPrincipal().getName()));
        mapping.roleOf(verified.getRoles()).ifPresent(role -> {
            builder.addRole(Roles.VIEWER);
            if (Roles.ADMIN.equals(role)) {
                builder.addRole(Roles.ADMIN);
            }
        });
        return builder.build();
    }
}

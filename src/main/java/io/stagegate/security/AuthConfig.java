package io.stagegate.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the API: bearer tokens for each role (several allowed, so that a token can be rotated without a gap),
 * and, optionally, the access tokens of an OIDC provider (single sign-on) whose roles claim maps to the same roles.
 * application.properties maps them from {@code STAGEGATE_ADMIN_TOKEN}, {@code STAGEGATE_VIEWER_TOKEN} and
 * {@code STAGEGATE_OIDC_*}.
 */
@ConfigMapping(prefix = "stagegate.auth")
public interface AuthConfig {
    /** Tokens that grant {@code admin} (and {@code viewer}). None: the service generates one per run and logs it. */
    Optional<List<String>> adminTokens();

    /** Tokens that grant {@code viewer}. With neither these nor admin tokens nor single sign-on, reads are open. */
    Optional<List<String>> viewerTokens();

    /** Single sign-on; off unless {@link Oidc#authServerUrl()} is set. */
    Oidc oidc();

    interface Oidc {
        /** The provider's issuer URL (its discovery document is {@code <url>/.well-known/openid-configuration}); none: off. */
        Optional<String> authServerUrl();

        /** The {@code aud} a token must name (one of them); none: any audience of this issuer, with a warning at start. */
        Optional<List<String>> audience();

        /** The claim holding the user's groups or roles: a name or a path ({@code realm_access/roles}). */
        @WithDefault("groups")
        String rolesClaim();

        /** Values of the roles claim that grant {@code admin} (and {@code viewer}). */
        Optional<List<String>> adminRoles();

        /** Values of the roles claim that grant {@code viewer}. A user with none of these or the admin values gets 403. */
        Optional<List<String>> viewerRoles();

        /** The client id the web UI signs users in as (authorization-code flow); none: the UI offers no single sign-on. */
        Optional<String> clientId();

        /** That client's secret, sent to the token endpoint (HTTP Basic). A secret: no default anywhere. */
        Optional<String> clientSecret();

        default boolean enabled() {
            return authServerUrl().filter(url -> !url.isBlank()).isPresent();
        }
    }
}

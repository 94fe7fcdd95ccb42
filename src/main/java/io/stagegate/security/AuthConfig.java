package io.stagegate.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the API: bearer tokens for each role (several allowed, so that a token can be rotated without a gap).
 * application.properties maps them from {@code STAGEGATE_ADMIN_TOKEN} and {@code STAGEGATE_VIEWER_TOKEN}.
 */
@ConfigMapping(prefix = "stagegate.auth")
public interface AuthConfig {
    /** Tokens that grant {@code admin} (and {@code viewer}). None: the service generates one per run and logs it. */
    Optional<List<String>> adminTokens();

    /** Tokens that grant {@code viewer}. With neither these nor admin tokens, reads are open. */
    Optional<List<String>> viewerTokens();
}

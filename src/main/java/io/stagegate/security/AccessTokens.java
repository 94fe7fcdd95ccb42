package io.stagegate.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The bearer tokens this instance accepts, held only as SHA-256 digests, and what a presented token grants.
 *
 * <p>A presented token is digested and compared with every configured digest by {@link MessageDigest#isEqual}: the
 * digests have one length whatever the token's, and the loop never stops early, so the time an answer takes says
 * nothing about how close a guess came or which list it matched.
 *
 * <p>With no admin token configured, writes would be impossible or, worse, open: the instance generates one for this
 * run (32 random bytes, URL-safe) and logs it once, as notebook servers do, unless admins sign in through single
 * sign-on. With no token configured at all and no single sign-on, reads are open (the laptop demo), and the log says so
 * at start.
 */
@ApplicationScoped
public class AccessTokens {
    private static final Logger LOG = Logger.getLogger(AccessTokens.class);
    /** Shorter tokens are refused at start: a guessable token is no door. */
    static final int MIN_LENGTH = 16;

    private final List<byte[]> admin;
    private final List<byte[]> viewer;
    private final String generatedAdminToken;
    private final boolean readsOpen;

    public AccessTokens(AuthConfig config) {
        List<String> adminTokens = tokens(config.adminTokens(), "STAGEGATE_ADMIN_TOKEN");
        List<String> viewerTokens = tokens(config.viewerTokens(), "STAGEGATE_VIEWER_TOKEN");
        AuthConfig.Oidc singleSignOn = config.oidc();
        this.readsOpen = adminTokens.isEmpty() && viewerTokens.isEmpty() && !singleSignOn.enabled();
        boolean adminsSignOn = singleSignOn.enabled() && !RoleMapping.of(singleSignOn).admin().isEmpty();
        this.generatedAdminToken = adminTokens.isEmpty() && !adminsSignOn ? generate() : null;
        if (generatedAdminToken != null) {
            adminTokens = List.of(generatedAdminToken);
        }
        this.admin = adminTokens.stream().map(AccessTokens::digest).toList();
        this.viewer = viewerTokens.stream().map(AccessTokens::digest).toList();
    }

    void announce(@Observes StartupEvent event) {
        if (readsOpen) {
            LOG.warn("No access token and no single sign-on is configured (STAGEGATE_ADMIN_TOKEN, STAGEGATE_VIEWER_TOKEN, "
                    + "STAGEGATE_OIDC_AUTH_SERVER_URL): every read of /api and "
                    + "the page at / is OPEN to anyone who can reach this port. Set tokens before exposing this instance.");
        }
        if (generatedAdminToken != null) {
            LOG.warnf("No admin token is configured (STAGEGATE_ADMIN_TOKEN): changes need this one, generated for this run "
                    + "only and shown only here:%n    Authorization: Bearer %s", generatedAdminToken);
        }
    }

    /** What {@code presented} grants: {@code admin}, {@code viewer}, or nothing. */
    public Optional<Grant> grantOf(String presented) {
        byte[] digest = digest(presented);
        int adminMatch = matchOf(admin, digest);
        int viewerMatch = matchOf(viewer, digest);
        if (adminMatch >= 0) {
            return Optional.of(new Grant(Roles.ADMIN, adminMatch + 1));
        }
        return viewerMatch >= 0 ? Optional.of(new Grant(Roles.VIEWER, viewerMatch + 1)) : Optional.empty();
    }

    /** True when no token and no single sign-on is configured: reads need none. */
    public boolean readsOpen() {
        return readsOpen;
    }

    /** The admin token generated for this run, when none is configured (tests and the quick start read it). */
    public Optional<String> generatedAdminToken() {
        return Optional.ofNullable(generatedAdminToken);
    }

    /** The role a token grants and which of that role's configured tokens it is (1-based), for the audit trail. */
    public record Grant(String role, int index) {
        public String principal() {
            return role + "-token-" + index;
        }
    }

    private static int matchOf(List<byte[]> digests, byte[] presented) {
        int match = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), presented) & match < 0) {
                match = i;
            }
        }
        return match;
    }

    private static List<String> tokens(Optional<List<String>> configured, String variable) {
        List<String> tokens = new ArrayList<>();
        List<String> values = configured.orElse(List.of());
        for (int i = 0; i < values.size(); i++) {
            String token = values.get(i).strip();
            if (token.isEmpty()) {
                continue;
            }
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException(variable + ": token " + (i + 1) + " of " + values.size() + " has " + token.length()
                        + " characters; at least " + MIN_LENGTH + " are needed (e.g. openssl rand -base64 32)");
            }
            tokens.add(token);
        }
        return List.copyOf(tokens);
    }

    private static String generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

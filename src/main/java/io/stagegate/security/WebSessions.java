package io.stagegate.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The web UI's sign-in sessions: a browser that signed in with a token (or through single sign-on) holds a cookie naming
 * the role granted, sealed with an HMAC, instead of the token itself. Forms that change something carry a CSRF token derived from the
 * session's nonce, which a page on another site can neither read nor guess.
 *
 * <p>The key is derived from every configured token (or the token generated for this run), so every replica with the
 * same tokens accepts the same sessions without shared state, and changing any token signs every browser out.
 * The cookie is read only on the UI's own paths ({@link #covers}); the API stays bearer-only.
 */
@ApplicationScoped
public class WebSessions {
    public static final String COOKIE = "stagegate_session";
    /** How long a sign-in lasts: a working day. */
    public static final Duration LIFETIME = Duration.ofHours(8);
    /** The identity attribute that carries a session's CSRF token (absent for bearer callers). */
    public static final String CSRF_ATTRIBUTE = "io.stagegate.csrf";
    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    /** Marks a session's holder as a single sign-on user (base64url of the name) rather than a token's index. */
    private static final String USER_MARK = "u";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WebSessions(AuthConfig config, AccessTokens tokens, Clock clock) {
        this.clock = clock;
        StringBuilder material = new StringBuilder("stagegate web sessions v1");
        List<String> admin = config.adminTokens().orElse(List.of());
        admin.forEach(token -> material.append('\u0000').append(token.strip()));
        tokens.generatedAdminToken().ifPresent(token -> material.append('\u0000').append(token));
        material.append('\u0001');
        config.viewerTokens().orElse(List.of()).forEach(token -> material.append('\u0000').append(token.strip()));
        this.key = sha256(material.toString());
    }

    /**
     * One signed-in browser: the role, who it is (the configured token that granted it, or the single sign-on user),
     * until when, and its nonce.
     */
    public record Session(String role, String principal, long expiresAt, String nonce) {
    }

    /** The UI's paths, the only ones where the session cookie counts: the landing page and everything under /ui/. */
    public static boolean covers(String path) {
        return "/".equals(path) || path.startsWith("/ui/");
    }

    /** A new session for what a token granted, as the cookie value. */
    public String open(AccessTokens.Grant grant) {
        return open(grant.role(), Integer.toString(grant.index()));
    }

    /** A new session for a user the OIDC provider signed in ({@link SingleSignOnLogin}), as the cookie value. */
    public String openSignedIn(String role, String user) {
        return open(role, USER_MARK + ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)));
    }

    private String open(String role, String holder) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String payload = String.join(".", VERSION, role, holder, Long.toString(clock.instant().plus(LIFETIME).getEpochSecond()),
                ENCODER.encodeToString(nonce));
        return seal(payload);
    }

    /** {@code value} with this key's seal: what a browser may carry but cannot alter or forge. */
    public String seal(String value) {
        return value + "." + mac(value);
    }

    /** The value a sealed text carries, when this key sealed it (and it is no longer than {@code limit}). */
    public Optional<String> unseal(String sealed, int limit) {
        if (sealed == null || sealed.length() > limit) {
            return Optional.empty();
        }
        int cut = sealed.lastIndexOf('.');
        if (cut < 0) {
            return Optional.empty();
        }
        String value = sealed.substring(0, cut);
        boolean genuine = MessageDigest.isEqual(mac(value).getBytes(StandardCharsets.US_ASCII),
                sealed.substring(cut + 1).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(value) : Optional.empty();
    }

    /** The session a cookie value carries, when it is sealed by this key, well-formed and not expired. */
    public Optional<Session> read(String cookie) {
        Optional<String> payload = unseal(cookie, 400);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = payload.get().split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !(Roles.ADMIN.equals(parts[1]) || Roles.VIEWER.equals(parts[1]))) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(parts[3]);
            if (expires <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Session(parts[1], principal(parts[1], parts[2]), expires, parts[4]));
        } catch (IllegalArgumentException e) { // a malformed number or user: not a session this service opened
            return Optional.empty();
        }
    }

    private static String principal(String role, String holder) {
        if (holder.startsWith(USER_MARK)) {
            return SingleSignOn.PRINCIPAL_PREFIX + new String(Base64.getUrlDecoder().decode(holder.substring(USER_MARK.length())), StandardCharsets.UTF_8);
        }
        return new AccessTokens.Grant(role, Integer.parseInt(holder)).principal();
    }

    /** The CSRF token of a session: what its forms carry. */
    public String csrfToken(Session session) {
        return mac("csrf." + session.nonce());
    }

    /** Whether {@code presented} is the CSRF token of the session {@code caller} signed in with (never for bearer callers). */
    public static boolean csrfMatches(SecurityIdentity caller, String presented) {
        String expected = caller.getAttribute(CSRF_ATTRIBUTE);
        return expected != null && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return ENCODER.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

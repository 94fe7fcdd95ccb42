package io.stagegate.sandbox.hubspot;

import io.stagegate.sandbox.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portal as a public app's installation (hubspot.md §1): refresh-token grants issue access tokens that expire after
 * {@code stagegate.sandbox.hubspot.access-token-seconds}; an expired one is answered as HubSpot does,
 * {@code EXPIRED_AUTHENTICATION}. The private-app token stays accepted beside them.
 */
@ApplicationScoped
public class HubSpotOAuth {
    /** A bearer token's standing. */
    enum Standing { VALID, EXPIRED, UNKNOWN }

    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private final SandboxConfig config;
    /** Real time: tokens expire by the wall clock, whatever day the engine is told it is. */
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicLong grants = new AtomicLong();
    private final AtomicLong expiredPresented = new AtomicLong();

    HubSpotOAuth(SandboxConfig config) {
        this.config = config;
    }

    /** A refresh-token grant's answer. */
    record Grant(String accessToken, String refreshToken, long expiresIn) {
    }

    /** Thrown for a refused grant, with HubSpot's {@code error} and {@code status}. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String error;
        final String status;

        Refused(String error, String status, String message) {
            super(message, null, false, false);
            this.error = error;
            this.status = status;
        }
    }

    Grant refresh(String grantType, String clientId, String clientSecret, String refreshToken) {
        if (!"refresh_token".equals(grantType)) {
            throw new Refused("unsupported_grant_type", "BAD_GRANT_TYPE", "grant_type must be refresh_token here, was '" + grantType + "'");
        }
        if (!same(clientId, config.hubspot().oauthClientId())) {
            throw new Refused("invalid_client", "BAD_CLIENT_ID", "missing or unknown client id");
        }
        if (!same(clientSecret, config.hubspot().clientSecret())) {
            throw new Refused("invalid_client", "BAD_CLIENT_SECRET", "missing or invalid client secret");
        }
        if (!same(refreshToken, config.hubspot().refreshToken())) {
            throw new Refused("invalid_grant", "BAD_REFRESH_TOKEN", "refresh token is invalid, expired or revoked");
        }
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        String token = "CO" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long seconds = config.hubspot().accessTokenSeconds();
        Instant now = clock.instant();
        // a day after expiry a token is forgotten (then answered as unknown), so refreshes cannot grow the map without end
        issued.values().removeIf(expiry -> expiry.isBefore(now.minus(FORGOTTEN_AFTER)));
        issued.put(token, now.plusSeconds(seconds));
        grants.incrementAndGet();
        return new Grant(token, config.hubspot().refreshToken(), seconds);
    }

    /** Access tokens issued so far. */
    public long grants() {
        return grants.get();
    }

    /** Calls refused because their access token had expired. */
    public long expiredPresented() {
        return expiredPresented.get();
    }

    Standing standing(String token) {
        Instant expires = issued.get(token);
        if (expires == null) {
            return Standing.UNKNOWN;
        }
        if (clock.instant().isBefore(expires)) {
            return Standing.VALID;
        }
        expiredPresented.incrementAndGet();
        return Standing.EXPIRED;
    }

    /** How long ago the token expired, for HubSpot's message. */
    Duration expiredFor(String token) {
        Instant expires = issued.get(token);
        return expires == null ? Duration.ZERO : Duration.between(expires, clock.instant());
    }

    Instant expiry(String token) {
        return issued.get(token);
    }

    private static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

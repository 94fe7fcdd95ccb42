package io.stagegate.sandbox.salesforce;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the simulated org: opaque, valid until {@code idle} passes without a call (each successful call
 * extends it, as Salesforce's session timeout does), and revocable all at once.
 */
final class SalesforceSessions {
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    private static final int PRUNE_EVERY = 256;

    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private int issuedSincePrune;

    private static final class Session {
        final String userId;
        volatile long lastUsedMillis;

        Session(String userId, long lastUsedMillis) {
            this.userId = userId;
            this.lastUsedMillis = lastUsedMillis;
        }
    }

    SalesforceSessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    /** A new token for {@code userId}, shaped like Salesforce's ({@code 00D...!AQ...}). */
    String issue(String organizationId, String userId) {
        StringBuilder token = new StringBuilder(organizationId.substring(0, 15)).append("!AQ");
        for (int i = 0; i < 96; i++) {
            token.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        sessions.put(token.toString(), new Session(userId, clock.millis()));
        prune();
        return token.toString();
    }

    /** The user a live token belongs to; using it extends its life. */
    Optional<String> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        long now = clock.millis();
        if (session == null) {
            return Optional.empty();
        }
        if (now - session.lastUsedMillis > idle.toMillis()) {
            sessions.remove(token);
            return Optional.empty();
        }
        session.lastUsedMillis = now;
        return Optional.of(session.userId);
    }

    /** Ends one session, as its expiry would. */
    void revoke(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Ends every session, as an admin revoking the connected app's tokens would. */
    void expireAll() {
        sessions.clear();
    }

    private synchronized void prune() {
        if (++issuedSincePrune < PRUNE_EVERY) {
            return;
        }
        issuedSincePrune = 0;
        long now = clock.millis();
        sessions.values().removeIf(session -> now - session.lastUsedMillis > idle.toMillis());
    }
}

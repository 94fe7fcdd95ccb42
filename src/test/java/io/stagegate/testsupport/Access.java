package io.stagegate.testsupport;

import io.quarkus.arc.Arc;
import io.stagegate.security.AccessTokens;

/**
 * Tokens for tests that call the API. The test profile configures none (the laptop demo): reads are open, and changes
 * need the admin token this run generated, which a test reads from the running service.
 */
public final class Access {
    private Access() {
    }

    /** The admin token of the running test service (generated, because the test profile configures none). */
    public static String adminToken() {
        return Arc.container().instance(AccessTokens.class).get().generatedAdminToken()
                .orElseThrow(() -> new IllegalStateException("this test profile configures an admin token: send that one"));
    }

    /** The value of an Authorization header carrying {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The Authorization header value for this run's generated admin token. */
    public static String admin() {
        return bearer(adminToken());
    }
}

package io.stagegate.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh ids per test, so tests never see each other's inbox rows. */
public final class TestIds {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private TestIds() {
    }

    /** An 18-character Salesforce id with this key prefix (006 opportunity, 001 account, 04l notification). */
    public static String salesforce(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        while (id.length() < 18) {
            id.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    public static long hubspotId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }
}

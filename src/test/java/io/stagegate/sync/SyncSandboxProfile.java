package io.stagegate.sync;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service syncing its embedded Salesforce sandbox, seeded with a small org, with no scenario ticks (the tests let
 * reps act) and short backoffs, driven step by step by the tests.
 */
public class SyncSandboxProfile implements QuarkusTestProfile {
    static final int SIZE = 1200;
    /** A client secret no log line could contain by chance. */
    static final String CLIENT_SECRET = "sandbox-secret-7f3c9a1e5b";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stagegate.sandbox.salesforce.client-secret", CLIENT_SECRET,
                "quarkus.log.category.\"io.stagegate\".level", "DEBUG",
                "stagegate.sandbox.size", String.valueOf(SIZE),
                "stagegate.sandbox.seed-on-start", "true",
                "stagegate.sandbox.scenario.interval-seconds", "0",
                "stagegate.sync.backoff", "20ms",
                "stagegate.sync.max-backoff", "100ms",
                "stagegate.sync.lease", "2s");
    }
}

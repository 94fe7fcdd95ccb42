package io.stagegate.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service syncing its embedded Salesforce sandbox (a small seeded org, no simulated reps acting), driven step by step
 * by the tests, with an admin and a viewer token configured.
 */
public class PlaybookApiProfile implements QuarkusTestProfile {
    static final int SIZE = 600;
    static final String ADMIN = "playbook-admin-4e1f9a2c7b";
    static final String VIEWER = "playbook-viewer-8c2d5e0a3f";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stagegate.auth.admin-tokens", ADMIN,
                "stagegate.auth.viewer-tokens", VIEWER,
                "stagegate.sandbox.size", String.valueOf(SIZE),
                "stagegate.sandbox.seed-on-start", "true",
                "stagegate.sandbox.scenario.interval-seconds", "0",
                "stagegate.sync.backoff", "20ms",
                "stagegate.sync.max-backoff", "100ms",
                "stagegate.sync.lease", "2s");
    }
}

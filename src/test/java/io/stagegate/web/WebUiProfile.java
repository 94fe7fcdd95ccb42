package io.stagegate.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A deployment with tokens (an admin and a viewer) syncing its embedded Salesforce sandbox: a small seeded org, no
 * simulated reps acting, the sync driven by the tests. The web page tests and the browser journeys share it (one start).
 */
public class WebUiProfile implements QuarkusTestProfile {
    static final int SIZE = 300;
    static final String ADMIN = "web-admin-6b1e0f9d2c7a";
    static final String VIEWER = "web-viewer-3a8c5d1f7e2b";

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

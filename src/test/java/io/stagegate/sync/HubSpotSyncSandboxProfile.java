package io.stagegate.sync;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with the shipped HubSpot playbook and no other setting: the embedded default syncs the simulated HubSpot
 * portal. Small portal, no scenario ticks (the tests let reps act), short backoffs, driven step by step by the tests.
 */
public class HubSpotSyncSandboxProfile implements QuarkusTestProfile {
    static final int SIZE = 1200;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stagegate.playbook.crm", "hubspot",
                "stagegate.sandbox.size", String.valueOf(SIZE),
                "stagegate.sandbox.seed-on-start", "true",
                "stagegate.sandbox.scenario.interval-seconds", "0",
                "stagegate.sync.backoff", "20ms",
                "stagegate.sync.max-backoff", "100ms",
                "stagegate.sync.lease", "2s");
    }
}

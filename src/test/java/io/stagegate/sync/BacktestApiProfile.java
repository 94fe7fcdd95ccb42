package io.stagegate.sync;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The embedded Salesforce sandbox of {@link SyncSandboxProfile}, with an admin and a viewer token for the backtest API. */
public class BacktestApiProfile implements QuarkusTestProfile {
    static final String ADMIN = "backtest-admin-4b8e1f09";
    static final String VIEWER = "backtest-viewer-93c2d7a5";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(new SyncSandboxProfile().getConfigOverrides());
        overrides.put("stagegate.auth.admin-tokens", ADMIN);
        overrides.put("stagegate.auth.viewer-tokens", VIEWER);
        return overrides;
    }
}

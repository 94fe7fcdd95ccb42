package io.stagegate.crm.hubspot;

import java.util.HashMap;
import java.util.Map;

/** The HubSpot connector as a public app: OAuth 2 refresh token, against WireMock. */
public class HubSpotOAuthTestProfile extends HubSpotTestProfile {
    static final String REFRESH_TOKEN = "na1-refresh-token-1";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.remove("stagegate.hubspot.access-token");
        overrides.put("stagegate.hubspot.auth-flow", "oauth");
        overrides.put("stagegate.hubspot.oauth-client-id", "client-id-1");
        overrides.put("stagegate.hubspot.client-secret", "client-secret-1");
        overrides.put("stagegate.hubspot.refresh-token", REFRESH_TOKEN);
        overrides.put("stagegate.hubspot.refresh-ahead", "1s");
        return overrides;
    }
}

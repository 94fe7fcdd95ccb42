package io.stagegate.sandbox.salesforce;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The simulated Salesforce with a JWT public key (from {@link TestJwtKeys}) and known client credentials, on a random
 * port (other builds share the machine).
 */
public class SalesforceSandboxProfile implements QuarkusTestProfile {
    static final String CLIENT_ID = "sandbox-client";
    static final String CLIENT_SECRET = "sandbox-secret";
    static final String USERNAME = "integration@stagegate.sandbox";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", "0",
                "stagegate.sandbox.salesforce.client-id", CLIENT_ID,
                "stagegate.sandbox.salesforce.client-secret", CLIENT_SECRET,
                "stagegate.sandbox.salesforce.username", USERNAME,
                "stagegate.sandbox.salesforce.jwt-public-key", TestJwtKeys.publicPem());
    }
}

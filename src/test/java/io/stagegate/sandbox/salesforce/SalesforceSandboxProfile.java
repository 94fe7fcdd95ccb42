package io.stagegate.sandbox.salesforce;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The simulated Salesforce with a JWT public key (from {@link TestJwtKeys}) and known client credentials, on a random
 * port (other builds share the machine), pushing Outbound Messages to a port where nobody listens (so the push wiring
 * and its configuration start with every test, and retries stay in the background).
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
                "stagegate.sandbox.salesforce.jwt-public-key", TestJwtKeys.publicPem(),
                "stagegate.sandbox.salesforce-push.outbound-url", "http://127.0.0.1:9/nobody-listens",
                "stagegate.sandbox.salesforce-push.max-age-seconds", "60");
    }
}

package io.stagegate.crm.salesforce;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.stagegate.testsupport.WireMockResource;
import java.util.List;
import java.util.Map;

/**
 * The connector pointed at WireMock with the client credentials flow, and fault tolerance shortened so that retries,
 * timeouts and the quota re-check take milliseconds instead of seconds.
 */
public class SalesforceTestProfile implements QuarkusTestProfile {
    static final String API = "\"io.stagegate.crm.salesforce.SalesforceApi\"";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("stagegate.salesforce.enabled", "true"),
                Map.entry("stagegate.salesforce.auth-flow", "client-credentials"),
                Map.entry("stagegate.salesforce.client-id", "test-consumer-key"),
                Map.entry("stagegate.salesforce.client-secret", "test-consumer-secret"),
                Map.entry("stagegate.salesforce.read-timeout", "10s"),
                Map.entry("stagegate.salesforce.quota-check-interval", "0.3s"),
                Map.entry("quarkus.fault-tolerance." + API + ".retry.delay", "5"),
                Map.entry("quarkus.fault-tolerance." + API + ".retry.jitter", "2"),
                Map.entry("quarkus.fault-tolerance." + API + ".exponential-backoff.max-delay", "20"),
                Map.entry("quarkus.fault-tolerance.global.timeout.value", "5000"),
                Map.entry("quarkus.fault-tolerance.\"" + SalesforceGateway.class.getName() + "/validateSetup\".timeout.value", "5000"),
                Map.entry("quarkus.fault-tolerance.global.circuit-breaker.delay", "300"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockResource.class));
    }
}

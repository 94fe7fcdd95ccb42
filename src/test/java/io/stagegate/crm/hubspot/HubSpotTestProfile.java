package io.stagegate.crm.hubspot;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.stagegate.testsupport.WireMockResource;
import java.util.List;
import java.util.Map;

/**
 * The HubSpot connector pointed at WireMock with a private-app token, and fault tolerance shortened so that retries
 * and the quota re-check take milliseconds instead of seconds.
 */
public class HubSpotTestProfile implements QuarkusTestProfile {
    static final String TOKEN = "pat-na1-test-token";
    static final String API = "\"io.stagegate.crm.hubspot.HubSpotApi\"";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("stagegate.hubspot.enabled", "true"),
                // WireMockResource hands its URL to the application as the Salesforce login URL
                Map.entry("stagegate.hubspot.base-url", "${stagegate.salesforce.login-url}"),
                Map.entry("stagegate.hubspot.access-token", TOKEN),
                Map.entry("stagegate.hubspot.read-timeout", "10s"),
                Map.entry("stagegate.hubspot.quota-check-interval", "3s"),
                Map.entry("stagegate.hubspot.search-per-second", "4"),
                Map.entry("quarkus.fault-tolerance." + API + ".retry.delay", "5"),
                Map.entry("quarkus.fault-tolerance." + API + ".retry.jitter", "2"),
                Map.entry("quarkus.fault-tolerance." + API + ".exponential-backoff.max-delay", "20"),
                Map.entry("quarkus.fault-tolerance.global.timeout.value", "8000"),
                Map.entry("quarkus.fault-tolerance.\"" + HubSpotGateway.class.getName() + "/validateSetup\".timeout.value", "8000"),
                Map.entry("quarkus.fault-tolerance.global.circuit-breaker.delay", "300"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockResource.class));
    }
}

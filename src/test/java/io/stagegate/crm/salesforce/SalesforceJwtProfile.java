package io.stagegate.crm.salesforce;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.stagegate.testsupport.WireMockResource;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The connector pointed at WireMock with the JWT bearer flow and a key pair made for this test run only. */
public class SalesforceJwtProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stagegate.salesforce.enabled", "true",
                "stagegate.salesforce.auth-flow", "jwt",
                "stagegate.salesforce.client-id", "3MVG9test-consumer-key",
                "stagegate.salesforce.username", "integration@stagegate.test",
                "stagegate.salesforce.private-key", pem());
    }

    private static String pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            // As an environment variable would carry it: line breaks written as \n.
            return "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(pkcs8) + "\\n-----END PRIVATE KEY-----";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WireMockResource.class));
    }
}

package io.stagegate.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A deployment with single sign-on beside its bearer tokens: the provider of {@link OidcProviderResource}, tokens for
 * the audience "stagegate", group "revops-admins" granting admin and "sales-leaders" viewer, and the web UI's client
 * "stagegate-ui" with its secret.
 */
public class SingleSignOnConfigured implements QuarkusTestProfile {
    static final String AUDIENCE = "stagegate";
    static final String ADMINS = "revops-admins";
    static final String LEADERS = "sales-leaders";
    static final String CLIENT_ID = "stagegate-ui";
    static final String CLIENT_SECRET = "test-only-client-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("stagegate.auth.admin-tokens", TokensConfigured.ADMIN_NEW,
                "stagegate.auth.viewer-tokens", TokensConfigured.VIEWER,
                "stagegate.auth.oidc.audience", AUDIENCE,
                "stagegate.auth.oidc.admin-roles", ADMINS,
                "stagegate.auth.oidc.viewer-roles", LEADERS + ",revops",
                "stagegate.auth.oidc.client-id", CLIENT_ID,
                "stagegate.auth.oidc.client-secret", CLIENT_SECRET);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProviderResource.class));
    }
}

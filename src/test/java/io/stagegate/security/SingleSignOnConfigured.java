package io.stagegate.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A deployment with single sign-on beside its bearer tokens: the provider of {@link OidcProviderResource}, tokens for
 * the audience "stagegate", group "revops-admins" granting admin and "sales-leaders" viewer.
 */
public class SingleSignOnConfigured implements QuarkusTestProfile {
    static final String AUDIENCE = "stagegate";
    static final String ADMINS = "revops-admins";
    static final String LEADERS = "sales-leaders";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("stagegate.auth.admin-tokens", TokensConfigured.ADMIN_NEW,
                "stagegate.auth.viewer-tokens", TokensConfigured.VIEWER,
                "stagegate.auth.oidc.audience", AUDIENCE,
                "stagegate.auth.oidc.admin-roles", ADMINS,
                "stagegate.auth.oidc.viewer-roles", LEADERS + ",revops");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProviderResource.class));
    }
}

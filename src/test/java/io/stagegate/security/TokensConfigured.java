package io.stagegate.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A deployment with tokens: two admin tokens (a rotation in progress) and a viewer token. */
public class TokensConfigured implements QuarkusTestProfile {
    static final String ADMIN_OLD = "admin-old-5f0c2d9e8a7b";
    static final String ADMIN_NEW = "admin-new-13b6e4a9c0d2";
    static final String VIEWER = "viewer-7d3a91c4e2f0";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("stagegate.auth.admin-tokens", ADMIN_OLD + "," + ADMIN_NEW,
                "stagegate.auth.viewer-tokens", VIEWER);
    }
}

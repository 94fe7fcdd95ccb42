package io.stagegate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.testsupport.ConfigMappings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a presented token grants, in each configuration. */
class AccessTokensTest {
    private static final String ADMIN_1 = "admin-one-0123456789";
    private static final String ADMIN_2 = "admin-two-0123456789";
    private static final String VIEWER = "viewer-0123456789abc";

    private static AccessTokens tokens(List<String> admin, List<String> viewer) {
        return tokens(admin, viewer, Map.of());
    }

    private static AccessTokens tokens(List<String> admin, List<String> viewer, Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.put("stagegate.auth.admin-tokens", String.join(",", admin));
        properties.put("stagegate.auth.viewer-tokens", String.join(",", viewer));
        return new AccessTokens(ConfigMappings.of(AuthConfig.class, properties));
    }

    @Test
    void eachConfiguredTokenGrantsItsRoleAndSaysWhichOneItIs() {
        AccessTokens tokens = tokens(List.of(ADMIN_1, " " + ADMIN_2 + " "), List.of(VIEWER));

        assertThat(tokens.grantOf(ADMIN_1)).contains(new AccessTokens.Grant(Roles.ADMIN, 1));
        assertThat(tokens.grantOf(ADMIN_2)).contains(new AccessTokens.Grant(Roles.ADMIN, 2));
        assertThat(tokens.grantOf(VIEWER)).contains(new AccessTokens.Grant(Roles.VIEWER, 1));
        assertThat(tokens.grantOf(VIEWER).orElseThrow().principal()).isEqualTo("viewer-token-1");
        assertThat(tokens.readsOpen()).isFalse();
        assertThat(tokens.generatedAdminToken()).isEmpty();
    }

    @Test
    void nearMissesPrefixesAndEmptyTokensGrantNothing() {
        AccessTokens tokens = tokens(List.of(ADMIN_1), List.of(VIEWER));

        for (String guess : List.of("", ADMIN_1.substring(0, ADMIN_1.length() - 1), ADMIN_1 + "x", ADMIN_1.toUpperCase(),
                VIEWER.substring(1), "admin", "viewer")) {
            assertThat(tokens.grantOf(guess)).as(guess).isEmpty();
        }
    }

    @Test
    void withNoTokenReadsAreOpenAndAnAdminTokenIsGeneratedForTheRun() {
        AccessTokens tokens = tokens(List.of(), List.of());
        String generated = tokens.generatedAdminToken().orElseThrow();

        assertThat(tokens.readsOpen()).isTrue();
        assertThat(generated).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, URL-safe Base64 without padding
        assertThat(tokens.grantOf(generated)).contains(new AccessTokens.Grant(Roles.ADMIN, 1));
        assertThat(tokens(List.of(), List.of()).generatedAdminToken()).get().isNotEqualTo(generated);
    }

    @Test
    void withOnlyAViewerTokenReadsAreClosedAndWritesNeedTheGeneratedAdminToken() {
        AccessTokens tokens = tokens(List.of(), List.of(VIEWER));

        assertThat(tokens.readsOpen()).isFalse();
        assertThat(tokens.grantOf(tokens.generatedAdminToken().orElseThrow())).map(AccessTokens.Grant::role).contains(Roles.ADMIN);
        assertThat(tokens.grantOf(VIEWER)).map(AccessTokens.Grant::role).contains(Roles.VIEWER);
    }

    @Test
    void blankListEntriesAreIgnoredAndAShortTokenIsRefusedNamingTheVariable() {
        assertThat(tokens(List.of(ADMIN_1, "  "), List.of()).grantOf(ADMIN_1)).isPresent();
        assertThatThrownBy(() -> tokens(List.of(ADMIN_1, "short"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STAGEGATE_ADMIN_TOKEN").hasMessageContaining("token 2 of 2").hasMessageContaining("at least 16");
        assertThatThrownBy(() -> tokens(List.of(), List.of("tiny")))
                .hasMessageContaining("STAGEGATE_VIEWER_TOKEN");
    }

    @Test
    void withSingleSignOnReadsAreClosedAndAdminsSignInInsteadOfUsingAGeneratedToken() {
        Map<String, String> signOn = Map.of("stagegate.auth.oidc.auth-server-url", "https://login.example/realms/sales",
                "stagegate.auth.oidc.admin-roles", "revops-admins", "stagegate.auth.oidc.viewer-roles", "sales-leaders");
        AccessTokens tokens = tokens(List.of(), List.of(), signOn);

        assertThat(tokens.readsOpen()).isFalse();
        assertThat(tokens.generatedAdminToken()).isEmpty();
        // a provider that grants only viewer: writes still need an admin token, generated when none is configured
        AccessTokens viewersOnly = tokens(List.of(), List.of(), Map.of("stagegate.auth.oidc.auth-server-url", "https://login.example/realms/sales",
                "stagegate.auth.oidc.viewer-roles", "sales-leaders"));
        assertThat(viewersOnly.readsOpen()).isFalse();
        assertThat(viewersOnly.generatedAdminToken()).isPresent();
    }
}

package io.stagegate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.testsupport.ConfigMappings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Stagegate role the values of a user's roles claim grant, and the settings that are refused at start. */
class RoleMappingTest {
    private static final RoleMapping MAPPING = RoleMapping.of(ConfigMappings.of(AuthConfig.class, Map.of(
            "stagegate.auth.oidc.admin-roles", " revops-admins , platform",
            "stagegate.auth.oidc.viewer-roles", "sales-leaders,revops")).oidc());

    @Test
    void anAdminValueWinsOverAViewerValueAndUnmappedValuesGrantNothing() {
        assertThat(MAPPING.roleOf(Set.of("sales-leaders", "revops-admins"))).contains(Roles.ADMIN);
        assertThat(MAPPING.roleOf(Set.of("platform"))).contains(Roles.ADMIN);
        assertThat(MAPPING.roleOf(Set.of("revops", "everyone"))).contains(Roles.VIEWER);
        assertThat(MAPPING.roleOf(Set.of("everyone"))).isEmpty();
        assertThat(MAPPING.roleOf(Set.of())).isEmpty();
    }

    @Test
    void theProvidersOwnRoleNamesAreNotStagegateRoles() {
        assertThat(MAPPING.roleOf(Set.of(Roles.ADMIN, Roles.VIEWER))).isEmpty();
        assertThat(MAPPING.roleOf(Set.of("Revops-Admins"))).as("values are compared exactly").isEmpty();
    }

    @Test
    void singleSignOnWithNoMappedValueIsRefusedAtStartSayingWhatToSet() {
        AuthConfig config = ConfigMappings.of(AuthConfig.class, Map.of("stagegate.auth.oidc.auth-server-url", "https://login.example/realms/sales"));

        assertThatThrownBy(() -> new SingleSignOn(config, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STAGEGATE_OIDC_ADMIN_ROLES").hasMessageContaining("STAGEGATE_OIDC_VIEWER_ROLES")
                .hasMessageContaining("groups claim");
    }

    @Test
    void withoutAProviderUrlSingleSignOnIsOff() {
        AuthConfig config = ConfigMappings.of(AuthConfig.class, Map.of("stagegate.auth.oidc.auth-server-url", " "));

        assertThat(config.oidc().enabled()).isFalse();
        assertThat(new SingleSignOn(config, null).enabled()).isFalse();
    }
}

package io.stagegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The roles claim of an ID token, named by a name or a path, as the web UI's single sign-on reads it. */
class IdTokensTest {
    @Test
    void aClaimIsReadByNameOrByPathAsAListOrOneValue() {
        Map<String, Object> claims = Map.of("groups", List.of("revops-admins", "everyone"),
                "realm_access", Map.of("roles", List.of("sales-leaders")), "role", "revops");

        assertThat(IdTokens.values(claims, "groups")).containsExactlyInAnyOrder("revops-admins", "everyone");
        assertThat(IdTokens.values(claims, "realm_access/roles")).containsExactly("sales-leaders");
        assertThat(IdTokens.values(claims, "role")).containsExactly("revops");
    }

    @Test
    void aMissingOrOddlyShapedClaimGrantsNothing() {
        Map<String, Object> claims = Map.of("groups", 42, "realm_access", List.of("roles"), "mixed", List.of("revops", 7));

        assertThat(IdTokens.values(claims, "groups")).isEmpty();
        assertThat(IdTokens.values(claims, "realm_access/roles")).isEmpty();
        assertThat(IdTokens.values(claims, "nowhere/roles")).isEmpty();
        assertThat(IdTokens.values(claims, "mixed")).containsExactly("revops");
    }
}

package io.stagegate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web UI's sealed session cookies and their CSRF tokens: what opens a session, what never does. */
class WebSessionsTest {
    private static final String ADMIN = "admin-one-0123456789";
    private static final String VIEWER = "viewer-0123456789abc";
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    private static WebSessions sessions(Instant now, List<String> admin, List<String> viewer) {
        AuthConfig config = new AuthConfig() {
            @Override
            public Optional<List<String>> adminTokens() {
                return Optional.of(admin);
            }

            @Override
            public Optional<List<String>> viewerTokens() {
                return Optional.of(viewer);
            }

            @Override
            public Oidc oidc() {
                return new Oidc() { // single sign-on off: sessions come from the tokens only
                    @Override
                    public Optional<String> authServerUrl() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<List<String>> audience() {
                        return Optional.empty();
                    }

                    @Override
                    public String rolesClaim() {
                        return "groups";
                    }

                    @Override
                    public Optional<List<String>> adminRoles() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<List<String>> viewerRoles() {
                        return Optional.empty();
                    }
                };
            }
        };
        return new WebSessions(config, new AccessTokens(config), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static WebSessions sessions(Instant now) {
        return sessions(now, List.of(ADMIN), List.of(VIEWER));
    }

    @Test
    void aSessionCarriesItsGrantUntilItExpires() {
        String cookie = sessions(NOW).open(new AccessTokens.Grant(Roles.ADMIN, 1));

        WebSessions.Session session = sessions(NOW.plusSeconds(3600)).read(cookie).orElseThrow();
        assertThat(session.role()).isEqualTo(Roles.ADMIN);
        assertThat(session.principal()).isEqualTo("admin-token-1");
        assertThat(cookie).doesNotContain(ADMIN);
        assertThat(sessions(NOW.plus(WebSessions.LIFETIME)).read(cookie)).as("expired").isEmpty();
    }

    @Test
    void anotherReplicaWithTheSameTokensAcceptsItAndAChangedTokenSignsEveryoneOut() {
        String cookie = sessions(NOW).open(new AccessTokens.Grant(Roles.VIEWER, 1));

        assertThat(sessions(NOW, List.of(ADMIN), List.of(VIEWER)).read(cookie)).isPresent();
        assertThat(sessions(NOW, List.of(ADMIN), List.of("viewer-rotated-0123456789")).read(cookie)).isEmpty();
        assertThat(sessions(NOW, List.of("admin-rotated-0123456789"), List.of(VIEWER)).read(cookie)).isEmpty();
    }

    @Test
    void aCookieChangedInAnyWayIsNoSession() {
        WebSessions sessions = sessions(NOW);
        String cookie = sessions.open(new AccessTokens.Grant(Roles.VIEWER, 1));
        String[] parts = cookie.split("\\.");

        assertThat(sessions.read(cookie.replace(".viewer.", ".admin."))).isEmpty();
        assertThat(sessions.read(String.join(".", parts[0], parts[1], parts[2], String.valueOf(Long.parseLong(parts[3]) + 86_400), parts[4], parts[5])))
                .as("lifetime stretched").isEmpty();
        assertThat(sessions.read(cookie.substring(0, cookie.length() - 1))).isEmpty();
        assertThat(sessions.read("")).isEmpty();
        assertThat(sessions.read(null)).isEmpty();
        assertThat(sessions.read("x".repeat(10_000))).isEmpty();
    }

    @Test
    void theCsrfTokenBelongsToOneSessionAndBearerCallersHaveNone() {
        WebSessions sessions = sessions(NOW);
        WebSessions.Session one = sessions.read(sessions.open(new AccessTokens.Grant(Roles.ADMIN, 1))).orElseThrow();
        WebSessions.Session two = sessions.read(sessions.open(new AccessTokens.Grant(Roles.ADMIN, 1))).orElseThrow();
        QuarkusSecurityIdentity signedIn = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("admin-token-1"))
                .addRole(Roles.ADMIN).addAttribute(WebSessions.CSRF_ATTRIBUTE, sessions.csrfToken(one)).build();
        QuarkusSecurityIdentity bearer = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("admin-token-1"))
                .addRole(Roles.ADMIN).build();

        assertThat(WebSessions.csrfMatches(signedIn, sessions.csrfToken(one))).isTrue();
        assertThat(WebSessions.csrfMatches(signedIn, sessions.csrfToken(two))).isFalse();
        assertThat(WebSessions.csrfMatches(signedIn, null)).isFalse();
        assertThat(WebSessions.csrfMatches(signedIn, "")).isFalse();
        assertThat(WebSessions.csrfMatches(bearer, sessions.csrfToken(one))).isFalse();
    }

    @Test
    void theCookieCountsOnlyOnTheUisPaths() {
        assertThat(WebSessions.covers("/")).isTrue();
        assertThat(WebSessions.covers("/ui/forecast")).isTrue();
        assertThat(WebSessions.covers("/api/sync")).isFalse();
        assertThat(WebSessions.covers("/uix")).isFalse();
        assertThat(WebSessions.covers("/webhooks/hubspot")).isFalse();
    }
}

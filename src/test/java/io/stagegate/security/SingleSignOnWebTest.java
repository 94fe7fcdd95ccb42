package io.stagegate.security;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * The web UI's "Sign in with single sign-on" against the test provider: the redirect to its authorization endpoint (the
 * test reads the URL instead of a user signing in there), the callback with a code, the token endpoint's ID token
 * (stubbed per test, signed with the provider's key) and the session the browser gets; and every way it is refused.
 */
@QuarkusTest
@TestProfile(SingleSignOnConfigured.class)
class SingleSignOnWebTest {
    @OidcProviderResource.SigningKey
    PrivateKey signingKey;

    @OidcProviderResource.Server
    WireMockServer provider;

    @ConfigProperty(name = "stagegate.auth.oidc.auth-server-url")
    String issuer;

    /** A sign-in the service started: the query of the provider URL it redirected to, and the browser's cookie. */
    private record Attempt(Map<String, String> query, String cookie) {
        String state() {
            return query.get("state");
        }

        String nonce() {
            return query.get("nonce");
        }
    }

    private Attempt start(String next) {
        Response redirect = given().redirects().follow(false).queryParam("next", next).when().get("/ui/signin/sso");
        assertThat(redirect.statusCode()).isEqualTo(303);
        URI location = URI.create(redirect.header("Location"));
        assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath()).isEqualTo(issuer + "/protocol/openid-connect/auth");
        assertThat(redirect.header("Set-Cookie")).contains(SingleSignOnLogin.COOKIE + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").contains("Path=/ui/signin");
        return new Attempt(form(location.getRawQuery()), redirect.cookie(SingleSignOnLogin.COOKIE));
    }

    private static Map<String, String> form(String encoded) {
        return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    /** The provider's token endpoint answers {@code code}, for this client and secret only, with {@code idToken}. */
    private void tokenEndpointIssues(String code, String idToken) {
        provider.stubFor(post(urlEqualTo(OidcProviderResource.TOKEN_PATH))
                .withBasicAuth(SingleSignOnConfigured.CLIENT_ID, SingleSignOnConfigured.CLIENT_SECRET)
                .withRequestBody(containing("code=" + code))
                .willReturn(okJson("{\"access_token\": \"opaque\", \"token_type\": \"Bearer\", \"id_token\": \"" + idToken + "\"}")));
    }

    private static Response back(Attempt attempt, String state, String code) {
        return given().redirects().follow(false).cookie(SingleSignOnLogin.COOKIE, attempt.cookie()).queryParam("state", state)
                .queryParam("code", code).when().get("/ui/signin/callback");
    }

    private String idToken(String user, String nonce, Instant expires, String... groups) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(SingleSignOnConfigured.CLIENT_ID);
        claims.setSubject("sub-" + user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("nonce", nonce);
        claims.setStringListClaim("groups", List.of(groups));
        claims.setIssuedAt(NumericDate.fromMilliseconds(expires.minus(Duration.ofMinutes(10)).toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expires.toEpochMilli()));
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(signingKey);
        signature.setKeyIdHeaderValue(OidcProviderResource.KEY_ID);
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String idToken(String user, String nonce, String... groups) {
        return idToken(user, nonce, Instant.now().plus(Duration.ofMinutes(5)), groups);
    }

    private static String code() {
        return "code-" + System.nanoTime();
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void refused(Response answer, int status, String why) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body().asString()).contains("id=\"signin-error\"").contains(why);
        assertThat(answer.cookie(WebSessions.COOKIE)).as("no session for a refused sign-in").isNull();
    }

    @Test
    void theSignInPageOffersSingleSignOn() {
        given().queryParam("next", "/ui/jumps").when().get("/ui/signin").then().statusCode(200)
                .body(containsString("Sign in with single sign-on")).body(containsString("action=\"/ui/signin/sso\""));
    }

    @Test
    void anAdminSignsInThroughTheProviderAndGetsTheSessionATokenSignInGets() throws NoSuchAlgorithmException {
        Attempt attempt = start("/ui/jumps");
        assertThat(attempt.query()).containsEntry("response_type", "code").containsEntry("client_id", SingleSignOnConfigured.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256");
        assertThat(attempt.query().get("redirect_uri")).startsWith("http://").endsWith("/ui/signin/callback");
        assertThat(attempt.query().get("scope").split(" ")).contains("openid");
        assertThat(attempt.state()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(attempt.nonce());
        String code = code();
        tokenEndpointIssues(code, idToken("alice", attempt.nonce(), "everyone", SingleSignOnConfigured.ADMINS));

        Response signedIn = back(attempt, attempt.state(), code);

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body().asString()).contains("Signed in as alice (admin)").contains("content=\"0;url=/ui/jumps\"");
        assertThat(signedIn.headers().getValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith(WebSessions.COOKIE + "=")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith(SingleSignOnLogin.COOKIE + "=").contains("Max-Age=0"));
        String session = signedIn.cookie(WebSessions.COOKIE);
        given().cookie(WebSessions.COOKIE, session).when().get("/ui/playbook").then().statusCode(200)
                .body(containsString("Signed in as oidc:alice (admin)"));
        // the token request carried the PKCE verifier of the challenge sent to the authorization endpoint
        var exchanges = provider.findAll(postRequestedFor(urlEqualTo(OidcProviderResource.TOKEN_PATH)).withRequestBody(containing("code=" + code)));
        assertThat(exchanges).hasSize(1);
        Map<String, String> exchange = form(exchanges.get(0).getBodyAsString());
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("redirect_uri", attempt.query().get("redirect_uri"));
        assertThat(sha256(exchange.get("code_verifier"))).isEqualTo(attempt.query().get("code_challenge"));
    }

    @Test
    void aSalesLeaderSignsInAsViewer() {
        Attempt attempt = start("/ui/forecast");
        String code = code();
        tokenEndpointIssues(code, idToken("maria", attempt.nonce(), SingleSignOnConfigured.LEADERS));

        Response signedIn = back(attempt, attempt.state(), code);

        assertThat(signedIn.statusCode()).isEqualTo(200);
        given().cookie(WebSessions.COOKIE, signedIn.cookie(WebSessions.COOKIE)).when().get("/ui/forecast").then().statusCode(200)
                .body(containsString("Signed in as oidc:maria (viewer)")).body(not(containsString("(admin)")));
    }

    @Test
    void anAnswerForAnotherSignInIsRefused() {
        Attempt attempt = start("/ui/forecast");
        String code = code();
        tokenEndpointIssues(code, idToken("alice", attempt.nonce(), SingleSignOnConfigured.ADMINS));

        refused(back(attempt, "someone-elses-state", code), 400, "state mismatch");
        refused(back(start("/ui/forecast"), attempt.state(), code), 400, "state mismatch"); // this browser's newer attempt
        refused(given().redirects().follow(false).queryParam("state", attempt.state()).queryParam("code", code).when().get("/ui/signin/callback"),
                400, "no sign-in under way");
        refused(back(new Attempt(attempt.query(), attempt.cookie() + "x"), attempt.state(), code), 400, "no sign-in under way");
    }

    @Test
    void anIdTokenForAnotherNonceIsRefused() {
        Attempt attempt = start("/ui/forecast");
        String code = code();
        tokenEndpointIssues(code, idToken("alice", "a-nonce-of-another-sign-in", SingleSignOnConfigured.ADMINS));

        refused(back(attempt, attempt.state(), code), 401, "nonce mismatch");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        Attempt attempt = start("/ui/forecast");
        String code = code();
        tokenEndpointIssues(code, idToken("alice", attempt.nonce(), Instant.now().minus(Duration.ofMinutes(5)), SingleSignOnConfigured.ADMINS));

        refused(back(attempt, attempt.state(), code), 401, "it has expired");
    }

    @Test
    void aUserWithNoMappedGroupGetsAForbiddenPage() {
        Attempt attempt = start("/ui/forecast");
        String code = code();
        tokenEndpointIssues(code, idToken("sam", attempt.nonce(), "everyone", "admin"));

        refused(back(attempt, attempt.state(), code), 403, "signed in at the provider as sam, but none of your groups grants a Stagegate role");
    }

    @Test
    void theProvidersRefusalAndAnUnknownCodeGiveAPageNotAnError() {
        Attempt attempt = start("/ui/forecast");
        refused(given().redirects().follow(false).cookie(SingleSignOnLogin.COOKIE, attempt.cookie()).queryParam("state", attempt.state())
                .queryParam("error", "access_denied").when().get("/ui/signin/callback"), 401, "refused the sign-in: access_denied");

        Attempt another = start("/ui/forecast");
        provider.stubFor(post(urlEqualTo(OidcProviderResource.TOKEN_PATH)).withRequestBody(containing("code=unknown-code"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid_grant\"}")));
        refused(back(another, another.state(), "unknown-code"), 401, "did not sign you in: invalid_grant");
    }
}

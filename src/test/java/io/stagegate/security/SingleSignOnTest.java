package io.stagegate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a provider the test stands up (discovery and JWKS on WireMock), with tokens the test signs:
 * who gets in, with which role, and which tokens are refused; the service's own bearer tokens keep working beside it.
 */
@QuarkusTest
@TestProfile(SingleSignOnConfigured.class)
class SingleSignOnTest {
    @OidcProviderResource.SigningKey
    PrivateKey signingKey;

    @ConfigProperty(name = "stagegate.auth.oidc.auth-server-url")
    String issuer;

    /** A token as the provider would issue it: for {@code user}, in {@code groups}, valid for five minutes. */
    private Token token(String user, String... groups) {
        return new Token(issuer, SingleSignOnConfigured.AUDIENCE, user, List.of(groups), Instant.now().plus(Duration.ofMinutes(5)), signingKey,
                OidcProviderResource.KEY_ID);
    }

    private record Token(String issuer, String audience, String user, List<String> groups, Instant expires, PrivateKey key, String keyId) {
        Token expiring(Instant when) {
            return new Token(issuer, audience, user, groups, when, key, keyId);
        }

        Token issuedBy(String other) {
            return new Token(other, audience, user, groups, expires, key, keyId);
        }

        Token forAudience(String other) {
            return new Token(issuer, other, user, groups, expires, key, keyId);
        }

        Token signedWith(PrivateKey other) {
            return new Token(issuer, audience, user, groups, expires, other, keyId);
        }

        String signed() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(user);
            claims.setClaim("preferred_username", user);
            claims.setStringListClaim("groups", groups);
            claims.setIssuedAt(NumericDate.fromMilliseconds(expires.minus(Duration.ofMinutes(10)).toEpochMilli()));
            claims.setExpirationTime(NumericDate.fromMilliseconds(expires.toEpochMilli()));
            JsonWebSignature signature = new JsonWebSignature();
            signature.setPayload(claims.toJson());
            signature.setKey(key);
            signature.setKeyIdHeaderValue(keyId);
            signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            try {
                return signature.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static RequestSpecification as(Token token) {
        return as(token.signed());
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", "Bearer " + bearer);
    }

    private static void unauthorized(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    private static void forbidden(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void withoutATokenNothingIsOpenAndTheServicesOwnTokensStillWork() {
        unauthorized(given().when().get("/api/sync").then());
        unauthorized(given().when().post("/api/sync/dead-letters/replay").then());
        as(TokensConfigured.VIEWER).when().get("/api/sync").then().statusCode(200);
        forbidden(as(TokensConfigured.VIEWER).when().post("/api/sync/dead-letters/replay").then());
        as(TokensConfigured.ADMIN_NEW).when().post("/api/sync/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(0));
    }

    @Test
    void aSalesLeaderReadsButChangesNothing() {
        Token leader = token("maria", SingleSignOnConfigured.LEADERS, "everyone");

        as(leader).when().get("/api/sync").then().statusCode(200);
        as(leader).when().get("/api/audit").then().statusCode(200);
        forbidden(as(leader).when().post("/api/sync/dead-letters/replay").then());
        forbidden(as(leader).when().post("/api/sync/sweep").then());
        // the second viewer value maps too
        as(token("jim", "revops")).when().get("/api/sync").then().statusCode(200);
    }

    @Test
    void anAdminChangesThingsAndTheAuditTrailNamesTheSignedInUser() {
        String user = "alice." + System.nanoTime();
        Token admin = token(user, "everyone", SingleSignOnConfigured.ADMINS);

        as(admin).when().post("/api/sync/dead-letters/replay").then().statusCode(200).body("replayed", equalTo(0));

        as(admin).queryParam("actor", "api:oidc:" + user).when().get("/api/audit").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].action", equalTo("dead-letters.replayed"));
    }

    @Test
    void aSignedInUserWithNoMappedGroupIsForbiddenEvenToRead() {
        Token outsider = token("sam", "everyone", "admin", "viewer"); // the provider's own names are not Stagegate roles

        forbidden(as(outsider).when().get("/api/sync").then());
        forbidden(as(outsider).when().post("/api/sync/dead-letters/replay").then());
    }

    @Test
    void expiredForeignOrMisaddressedTokensAreRefused() throws JoseException {
        Token admin = token("alice", SingleSignOnConfigured.ADMINS);
        as(admin).when().get("/api/sync").then().statusCode(200); // the token below differ from this one in one respect each

        unauthorized(as(admin.expiring(Instant.now().minus(Duration.ofMinutes(5)))).when().get("/api/sync").then());
        unauthorized(as(admin.issuedBy("https://login.evil.example/realms/stagegate")).when().get("/api/sync").then());
        unauthorized(as(admin.forAudience("another-app")).when().get("/api/sync").then());
        unauthorized(as(admin.signedWith(RsaJwkGenerator.generateJwk(2048).getRsaPrivateKey())).when().get("/api/sync").then());
        String signed = admin.signed();
        unauthorized(as(signed.substring(0, signed.length() - 4) + "AAAA").when().get("/api/sync").then());
        unauthorized(as("not-a-token-we-know-1234").when().get("/api/sync").then());
    }
}

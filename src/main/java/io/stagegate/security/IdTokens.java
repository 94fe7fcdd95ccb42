package io.stagegate.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * One provider's endpoints and the verification of the ID tokens it issues: the signature against its published keys
 * (fetched from its JWKS and refreshed when a token names a key not yet seen), the issuer, the audience (our client id),
 * the expiry and the nonce of the sign-in. The resource-server path ({@link SingleSignOn}) checks access tokens for the
 * configured API audience instead, so an ID token, whose audience is the client, is verified here.
 */
record IdTokens(String issuer, URI authorizationEndpoint, URI tokenEndpoint, HttpsJwksVerificationKeyResolver keys) {
    /** Leeway for clocks that differ between the provider and this service. */
    private static final int CLOCK_SKEW_SECONDS = 30;

    IdTokens(String issuer, URI authorizationEndpoint, URI tokenEndpoint, String jwksUri) {
        this(issuer, authorizationEndpoint, tokenEndpoint, new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUri)));
    }

    /** A verified user: a name for the audit trail and the values of the roles claim. */
    record Verified(String user, Set<String> roles) {
    }

    Verified verify(String idToken, String clientId, String nonce, String rolesClaim) throws SingleSignOnLogin.Refused {
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS).setExpectedIssuer(issuer).setExpectedAudience(clientId)
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
                        AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(idToken);
            Object presented = claims.getClaimValue("nonce");
            if (!(presented instanceof String text)
                    || !MessageDigest.isEqual(text.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
                throw new SingleSignOnLogin.Refused(401, "The provider's ID token was issued for another sign-in (nonce mismatch). Sign in again.");
            }
            String user = claims.getClaimValue("preferred_username") instanceof String name && !name.isBlank() ? name : claims.getSubject();
            return new Verified(user, values(claims.getClaimsMap(), rolesClaim));
        } catch (InvalidJwtException e) {
            String why = e.hasExpired() ? "it has expired" : e.getErrorDetails().isEmpty() ? e.getMessage()
                    : e.getErrorDetails().get(0).getErrorMessage();
            throw new SingleSignOnLogin.Refused(401, "The provider's ID token could not be verified: " + why + ". Sign in again.");
        } catch (MalformedClaimException e) {
            throw new SingleSignOnLogin.Refused(401, "The provider's ID token has a malformed claim: " + e.getMessage());
        }
    }

    /** The values of a claim named by a path ({@code realm_access/roles}): a list of names, or one name. */
    static Set<String> values(Map<String, Object> claims, String path) {
        Object node = claims;
        for (String step : path.split("/")) {
            if (!(node instanceof Map<?, ?> map)) {
                return Set.of();
            }
            node = map.get(step);
        }
        if (node instanceof String one) {
            return Set.of(one);
        }
        if (node instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).collect(Collectors.toSet());
        }
        return Set.of();
    }
}

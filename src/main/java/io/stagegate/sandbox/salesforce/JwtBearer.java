package io.stagegate.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JWT bearer flow's assertion: an RS256 JWS whose claims are iss (the consumer key), sub or prn (the username;
 * prn wins), aud (the login URL) and exp, checked as Salesforce checks them, with about 3 minutes of clock skew.
 */
final class JwtBearer {
    static final long SKEW_SECONDS = 180;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A refused assertion, as the token endpoint's {@code error} and {@code error_description}. */
    static final class Refused extends Exception {
        final String error;

        Refused(String error, String description) {
            super(description);
            this.error = error;
        }
    }

    record Claims(String issuer, String subject, List<String> audience, long expiresAt) {
    }

    private JwtBearer() {
    }

    /** Verifies the signature and returns the claims, or says why the assertion is refused. */
    static Claims verify(String assertion, PublicKey key) throws Refused {
        if (assertion == null || key == null) {
            throw new Refused("invalid_grant", "invalid assertion");
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("invalid_grant", "invalid assertion");
        }
        try {
            JsonNode header = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new Refused("invalid_grant", "invalid assertion");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new Refused("invalid_grant", "invalid assertion");
            }
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String subject = claims.hasNonNull("prn") ? claims.get("prn").asText() : claims.path("sub").asText(null);
            List<String> audience = new ArrayList<>();
            JsonNode aud = claims.path("aud");
            if (aud.isArray()) {
                aud.forEach(item -> audience.add(item.asText()));
            } else if (aud.isTextual()) {
                audience.add(aud.asText());
            }
            if (!claims.path("exp").canConvertToLong()) {
                throw new Refused("invalid_grant", "invalid assertion");
            }
            return new Claims(claims.path("iss").asText(null), subject, audience, claims.path("exp").asLong());
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new Refused("invalid_grant", "invalid assertion");
        }
    }

    /** An RSA public key from PEM text ({@code PUBLIC KEY} or {@code CERTIFICATE}), or from a file holding it. */
    static PublicKey publicKey(String pemOrPath) {
        String pem = pemOrPath.trim();
        try {
            if (!pem.startsWith("-----BEGIN")) {
                pem = Files.readString(Path.of(pem), StandardCharsets.US_ASCII).trim();
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            if (pem.startsWith("-----BEGIN CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            }
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("stagegate.sandbox.salesforce.jwt-public-key is neither an RSA public key nor a certificate in PEM, "
                    + "nor a file holding one: " + e.getMessage(), e);
        }
    }
}

package io.stagegate.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtBearerAssertionTest {
    private static KeyPair keys;

    @BeforeAll
    static void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    static String pkcs8Pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void theAssertionIsRs256SignedAndVerifiesWithThePublicKey() throws Exception {
        String jwt = JwtBearerAssertion.sign(JwtBearerAssertion.privateKey(pkcs8Pem(keys)), "3MVG9consumer", "integration@acme.example",
                "https://login.salesforce.com", Instant.ofEpochSecond(1_800_000_180L));

        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(jwt).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        Base64.Decoder url = Base64.getUrlDecoder();
        assertThat(new String(url.decode(parts[0]), StandardCharsets.UTF_8)).isEqualTo("{\"alg\":\"RS256\"}");
        JsonNode claims = new ObjectMapper().readTree(url.decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9consumer");
        assertThat(claims.get("sub").asText()).isEqualTo("integration@acme.example");
        assertThat(claims.get("aud").asText()).isEqualTo("https://login.salesforce.com");
        assertThat(claims.get("exp").asLong()).isEqualTo(1_800_000_180L);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(url.decode(parts[2]))).isTrue();
    }

    @Test
    void claimsAreJsonEscaped() throws Exception {
        String jwt = JwtBearerAssertion.sign(keys.getPrivate(), "id\"with\\quote", "user", "aud", Instant.EPOCH);
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("id\"with\\quote");
    }

    @Test
    void aPkcs1KeyFromOlderOpensslReadsTheSame() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) keys.getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // PKCS#8 wraps the PKCS#1 key in an OCTET STRING right after the version and algorithm: take it out again.
        int offset = 26;
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, offset, pkcs8.length);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----";

        assertThat(JwtBearerAssertion.privateKey(pem).getEncoded()).isEqualTo(pkcs8);
    }

    @Test
    void unreadableKeysAreRefusedWithAReason() {
        assertThatThrownBy(() -> JwtBearerAssertion.privateKey("not a key")).hasMessageContaining("not PEM");
        assertThatThrownBy(() -> JwtBearerAssertion.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> JwtBearerAssertion.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .hasMessageContaining("cannot be read as an RSA key");
    }
}

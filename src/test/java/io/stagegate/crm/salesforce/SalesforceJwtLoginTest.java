package io.stagegate.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stagegate.config.EngineProducer;
import io.stagegate.testsupport.InjectWireMock;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SalesforceJwtProfile.class)
class SalesforceJwtLoginTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    SalesforceGateway gateway;

    @ConfigProperty(name = "stagegate.salesforce.private-key")
    String privateKeyPem;

    @Test
    void logsInWithASignedAssertionTheAppsCertificateVerifies() throws Exception {
        wireMock.resetAll();
        gateway.reset();
        SalesforceStubs stubs = new SalesforceStubs(wireMock);
        stubs.org();
        Instant before = Instant.now();

        gateway.read(EngineProducer.shipped("salesforce").playbook(), List.of());

        LoggedRequest login = stubs.requests(SalesforceStubs.TOKEN).get(0);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : login.getBodyAsString().split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(form.keySet()).containsExactly("grant_type", "assertion");
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        Base64.Decoder url = Base64.getUrlDecoder();
        JsonNode claims = SalesforceStubs.JSON.readTree(url.decode(jwt[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9test-consumer-key");
        assertThat(claims.get("sub").asText()).isEqualTo("integration@stagegate.test");
        assertThat(claims.get("aud").asText()).isEqualTo(wireMock.baseUrl());
        assertThat(claims.get("exp").asLong()).isBetween(before.plusSeconds(170).getEpochSecond(), Instant.now().plusSeconds(190).getEpochSecond());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(url.decode(jwt[2]))).isTrue();
        assertThat(stubs.requests(SalesforceStubs.DESCRIBE).get(0).getHeader("Authorization")).isEqualTo("Bearer tok-1");
    }

    /** The public half of the configured key: what the certificate uploaded to the app holds. */
    private PublicKey publicKey() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) JwtBearerAssertion.privateKey(privateKeyPem.replace("\\n", "\n"));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }
}

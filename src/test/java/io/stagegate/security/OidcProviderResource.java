package io.stagegate.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.PrivateKey;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * An OIDC provider as far as a resource server sees one: its discovery document and its signing key set (JWKS), served
 * by WireMock on a free port, with an RSA key generated for the run. The service is pointed at it as
 * {@code stagegate.auth.oidc.auth-server-url}; tests get the private key through {@link SigningKey} and sign their
 * own tokens with key id {@link #KEY_ID}. Its token endpoint is stubbed by each web sign-in test ({@link Server}).
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {
    static final String REALM_PATH = "/realms/stagegate";
    static final String KEY_ID = "stagegate-test-key";
    static final String AUTHORIZATION_PATH = REALM_PATH + "/protocol/openid-connect/auth";
    static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";

    /** Injects the provider's private signing key into a test field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface SigningKey {
    }

    /** Injects the provider's WireMock server into a test field, for a test to stub its token endpoint. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;
    private RsaJsonWebKey key;

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException("no RSA key for the test provider", e);
        }
        key.setKeyId(KEY_ID);
        key.setAlgorithm("RS256");
        key.setUse("sig");
        server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        String issuer = server.baseUrl() + REALM_PATH;
        server.stubFor(get(urlEqualTo(REALM_PATH + "/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer": "%1$s", "jwks_uri": "%1$s/protocol/openid-connect/certs",
                 "authorization_endpoint": "%1$s/protocol/openid-connect/auth", "token_endpoint": "%1$s/protocol/openid-connect/token",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer))));
        server.stubFor(get(urlEqualTo(REALM_PATH + "/protocol/openid-connect/certs"))
                .willReturn(okJson("{\"keys\": [" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}")));
        return Map.of("stagegate.auth.oidc.auth-server-url", issuer);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(key.getPrivateKey(), new TestInjector.AnnotatedAndMatchesType(SigningKey.class, PrivateKey.class));
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

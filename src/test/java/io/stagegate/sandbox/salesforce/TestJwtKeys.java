package io.stagegate.sandbox.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of the JWT bearer tests, generated on first use. It is kept in {@code target/} because the test
 * profile (which hands the public key to the application) and the tests (which sign with the private key) may run in
 * different class loaders: a file is what both see alike.
 */
final class TestJwtKeys {
    private static final Path DIRECTORY = Path.of("target", "salesforce-jwt-test");
    private static final Path PRIVATE = DIRECTORY.resolve("private.pem");
    private static final Path PUBLIC = DIRECTORY.resolve("public.pem");

    private TestJwtKeys() {
    }

    static synchronized String publicPem() {
        ensure();
        try {
            return Files.readString(PUBLIC, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized PrivateKey privateKey() {
        ensure();
        try {
            String pem = Files.readString(PRIVATE, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact RS256 JWS of {@code claimsJson}. */
    static String sign(String claimsJson, PrivateKey key) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + url.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensure() {
        if (Files.exists(PUBLIC) && Files.exists(PRIVATE)) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path privateTemp = Files.createTempFile(DIRECTORY, "private", ".tmp");
            Path publicTemp = Files.createTempFile(DIRECTORY, "public", ".tmp");
            Files.writeString(privateTemp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(publicTemp, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.move(privateTemp, PRIVATE, StandardCopyOption.ATOMIC_MOVE);
            Files.move(publicTemp, PUBLIC, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the test key pair in " + DIRECTORY, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

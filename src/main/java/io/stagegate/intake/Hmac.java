package io.stagegate.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and constant-time comparison, for the signatures and secrets of push requests. */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";
    /**
     * One {@link Mac} per thread, keyed anew for every use: {@code Mac.getInstance} searches the security providers
     * each time, which cost a few per cent of a push request's CPU time in a profile of the intake.
     */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    });

    private Hmac() {
    }

    /** HMAC-SHA256 keyed with the UTF-8 bytes of {@code secret}, over the concatenation of {@code parts}. */
    public static byte[] sha256(String secret, byte[]... parts) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused the key", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * Whether two secrets are equal, in time that depends on neither: both are hashed first, so not even the length
     * of the expected one leaks.
     */
    public static boolean sameSecret(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(expected), digest(given));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}

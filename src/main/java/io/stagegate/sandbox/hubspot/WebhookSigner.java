package io.stagegate.sandbox.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's webhook request signatures (hubspot.md §7.3). v3: Base64 of HMAC-SHA256, keyed with the app's client
 * secret, over {@code method + uri + body + timestamp}, where the URI is the full URL with the characters of HubSpot's
 * table decoded; v1: hex SHA-256 of {@code secret + body}; v2: hex SHA-256 of {@code secret + method + uri + body}.
 */
final class WebhookSigner {
    /** The only escapes v3 decodes before signing; anything else (e.g. {@code %20}, {@code %26}) stays. */
    private static final Map<String, String> DECODED = Map.ofEntries(
            Map.entry("%3A", ":"), Map.entry("%2F", "/"), Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"),
            Map.entry("%24", "$"), Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
            Map.entry("%2C", ","), Map.entry("%3B", ";"));

    private WebhookSigner() {
    }

    static String v3(String secret, String method, String uri, String body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = mac.doFinal((method + decodeUri(uri) + body + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static String v1(String secret, String body) {
        return sha256Hex(secret + body);
    }

    static String v2(String secret, String method, String uri, String body) {
        return sha256Hex(secret + method + uri + body);
    }

    /** Checks a v3 signature in constant time, as a receiver would. */
    static boolean verifyV3(String secret, String method, String uri, String body, String timestamp, String signature) {
        byte[] expected = v3(secret, method, uri, body, timestamp).getBytes(StandardCharsets.UTF_8);
        return signature != null && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes exactly the escapes of HubSpot's table, case-insensitively. */
    static String decodeUri(String uri) {
        StringBuilder decoded = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '%' && i + 3 <= uri.length()) {
                String replacement = DECODED.get(uri.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT));
                if (replacement != null) {
                    decoded.append(replacement);
                    i += 2;
                    continue;
                }
            }
            decoded.append(uri.charAt(i));
        }
        return decoded.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}

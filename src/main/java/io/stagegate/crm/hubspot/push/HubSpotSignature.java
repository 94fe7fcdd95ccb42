package io.stagegate.crm.hubspot.push;

import io.stagegate.intake.Hmac;
import io.stagegate.intake.PushRefused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * HubSpot's v3 request signature (hubspot.md §7.3): {@code X-HubSpot-Signature-v3} is the Base64 of HMAC-SHA256,
 * keyed with the app's client secret, over {@code method + uri + body + timestamp}, where the URI is the full URL
 * HubSpot called with the escapes of HubSpot's table decoded, the body the raw bytes and the timestamp
 * ({@code X-HubSpot-Request-Timestamp}, epoch milliseconds) the header's exact text. Requests more than 5 minutes
 * from this server's clock are refused, so a captured request cannot be replayed later.
 */
public final class HubSpotSignature {
    public static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_TIMESTAMP_DIGITS = 15;

    /** The escapes v3 decodes before signing; every other one (e.g. {@code %20}, {@code %26}) stays as sent. */
    private static final Map<String, Character> DECODED = Map.ofEntries(
            Map.entry("3A", ':'), Map.entry("2F", '/'), Map.entry("3F", '?'), Map.entry("40", '@'), Map.entry("21", '!'), Map.entry("24", '$'),
            Map.entry("27", '\''), Map.entry("28", '('), Map.entry("29", ')'), Map.entry("2A", '*'), Map.entry("2C", ','), Map.entry("3B", ';'));

    private HubSpotSignature() {
    }

    /** The header value HubSpot would send (what tests and senders compute). */
    public static String sign(String secret, String method, String uri, byte[] body, String timestamp) {
        return Base64.getEncoder().encodeToString(mac(secret, method, uri, body, timestamp));
    }

    /** Throws {@link PushRefused} (401) unless the signature and timestamp are HubSpot's for this request. */
    static void verify(String secret, String method, String uri, byte[] body, String timestamp, String signature, Instant now) {
        if (signature == null || signature.isBlank()) {
            throw PushRefused.unauthenticated("the request has no " + SIGNATURE_HEADER + " header");
        }
        if (timestamp == null || timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw PushRefused.unauthenticated(TIMESTAMP_HEADER + " is missing or not epoch milliseconds");
        }
        if (!MessageDigest.isEqual(mac(secret, method, uri, body, timestamp), base64(signature.trim()))) {
            throw PushRefused.unauthenticated(SIGNATURE_HEADER + " does not match this request (method, URL " + uri
                    + ", body and timestamp, signed with the app's client secret)");
        }
        long skewMillis = Math.abs(now.toEpochMilli() - Long.parseLong(timestamp));
        if (skewMillis > WINDOW.toMillis()) {
            throw PushRefused.unauthenticated(TIMESTAMP_HEADER + " is " + skewMillis / 1000 + " s away from this server's clock, more than the "
                    + WINDOW.toSeconds() + " s allowed");
        }
    }

    private static byte[] mac(String secret, String method, String uri, byte[] body, String timestamp) {
        return Hmac.sha256(secret, (method + decodeUri(uri)).getBytes(StandardCharsets.UTF_8), body, timestamp.getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes exactly the escapes of HubSpot's table, in either case. */
    static String decodeUri(String uri) {
        StringBuilder decoded = new StringBuilder(uri.length());
        int i = 0;
        while (i < uri.length()) {
            char c = uri.charAt(i);
            Character replacement = c == '%' && i + 2 < uri.length() ? DECODED.get(uri.substring(i + 1, i + 3).toUpperCase(Locale.ROOT)) : null;
            if (replacement != null) {
                decoded.append(replacement.charValue());
                i += 3;
            } else {
                decoded.append(c);
                i++;
            }
        }
        return decoded.toString();
    }

    private static byte[] base64(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

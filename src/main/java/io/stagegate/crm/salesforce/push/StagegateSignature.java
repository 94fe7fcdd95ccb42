package io.stagegate.crm.salesforce.push;

import io.stagegate.intake.Hmac;
import io.stagegate.intake.PushRefused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code X-Stagegate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">} on signed events. Several
 * {@code v1} values may be sent (while a secret is rotated, sign with both); one match is enough. The timestamp is
 * inside the signature, so a captured request cannot be replayed once it is older than the tolerance, and within it
 * the event ids make a replay a duplicate.
 */
public final class StagegateSignature {
    public static final String HEADER = "X-Stagegate-Signature";
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private StagegateSignature() {
    }

    /** The header value for a body signed at {@code timestamp} (what a sender computes). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(secret, Long.toString(timestamp), body));
    }

    /** Throws {@link PushRefused} (401) unless the header signs this body with the secret, at a time within the tolerance of now. */
    static void verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            throw PushRefused.unauthenticated("the request has no " + HEADER + " header");
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String element : header.split(",")) {
            int equals = element.indexOf('=');
            String name = equals < 0 ? element.trim() : element.substring(0, equals).trim();
            String value = equals < 0 ? "" : element.substring(equals + 1).trim();
            if ("t".equals(name)) {
                timestamp = value;
            } else if ("v1".equals(name)) {
                signatures.add(value);
            }
        }
        if (timestamp == null || timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw PushRefused.unauthenticated(HEADER + " has no t=<unix seconds>");
        }
        if (signatures.isEmpty()) {
            throw PushRefused.unauthenticated(HEADER + " has no v1=<hex HMAC-SHA256>");
        }
        byte[] expected = mac(secret, timestamp, body);
        boolean matched = false;
        for (String signature : signatures) {
            matched |= MessageDigest.isEqual(expected, hex(signature));
        }
        if (!matched) {
            throw PushRefused.unauthenticated(HEADER + " does not match the body: sign \"<t>.<raw body>\" with HMAC-SHA256 and the shared secret");
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (skew > tolerance.toSeconds()) {
            throw PushRefused.unauthenticated("the signature's timestamp is " + skew + " s away from this server's clock, more than the "
                    + tolerance.toSeconds() + " s allowed; sign each request when it is sent");
        }
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        return Hmac.sha256(secret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    /** The bytes of a hex signature; a malformed one becomes an empty array, which matches nothing. */
    private static byte[] hex(String signature) {
        try {
            return HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

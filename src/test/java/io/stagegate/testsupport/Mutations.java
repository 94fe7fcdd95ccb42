package io.stagegate.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid inputs for the fuzz tests: byte flips, cuts, splices and the hostile values found in the
 * wild (huge exponents, epoch-looking dates, objects where scalars belong, byte order marks, invalid UTF-8 ...).
 */
public final class Mutations {
    /** Values that once broke or fooled the service, spliced into inputs at random places. */
    public static final List<String> HOSTILE = List.of(
            "1E+100000000", "1e400", "-1E-100000000", "0E-999999999", "20261126", "NaN", "Infinity", "-0", "1e-400",
            "{\"x\":1}", "[1,[2,[3]]]", "\"stage\":{\"stage\":\"Negotiation/Review\"}", "\"id\":\"1\",\"id\":\"2\"", "null",
            "\uFEFF", "\"", "\"\"", "\n", "\r\n", ";", ",", "\\u0000", "\u0000", "\uD800", "'", "}{", "]]]]", "[[[[[[[[[[",
            "9".repeat(400), "x".repeat(20_000), "2026-02-30", "+999999-01-01", "count(", "=cmd|' /C calc'!A0");

    private final Random random;

    public Mutations(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One to four mutations of {@code text}, as bytes (some mutations produce bytes that are not UTF-8). */
    public byte[] mutate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            bytes = once(bytes);
        }
        return bytes;
    }

    private byte[] once(byte[] bytes) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        switch (random.nextInt(7)) {
            case 0:
                return splice(bytes, at, 0, pick(HOSTILE).getBytes(StandardCharsets.UTF_8));
            case 1:
                return splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(8)), pick(HOSTILE).getBytes(StandardCharsets.UTF_8));
            case 2:
                return java.util.Arrays.copyOf(bytes, at);
            case 3:
                byte[] flipped = bytes.clone();
                if (flipped.length > 0) {
                    flipped[at] = (byte) random.nextInt(256);
                }
                return flipped;
            case 4:
                return splice(bytes, at, 0, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
            case 5:
                int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
                return splice(bytes, random.nextInt(bytes.length + 1), 0, java.util.Arrays.copyOfRange(bytes, at, at + length));
            default:
                return splice(bytes, at, Math.min(bytes.length - at, random.nextInt(16)), new byte[0]);
        }
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] result = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
        return result;
    }
}

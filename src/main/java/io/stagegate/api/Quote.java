package io.stagegate.api;

/**
 * Quotes input values in error messages. A problem document echoes at most a short prefix of a value, so a 30 MB stage
 * name costs a 30 MB upload, not a 60 MB answer.
 */
final class Quote {
    static final int MAX_CHARS = 60;
    /** A message or detail built around quoted values stays below this length even if some part was not quoted. */
    static final int MAX_MESSAGE_CHARS = 1_000;

    private Quote() {
    }

    /** {@code 'value'}, or {@code 'first 60 characters…'} when it is longer. */
    static String of(String value) {
        return "'" + prefix(value) + "'";
    }

    static String prefix(String value) {
        return prefix(value, MAX_CHARS);
    }

    static String prefix(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + "…";
    }
}

package io.stagegate.sandbox.hubspot;

/** A search refused by search's own per-second limit (429, policy SECONDLY). */
final class SearchRateLimitException extends RuntimeException {
    SearchRateLimitException() {
        super("search rate limit reached", null, false, false);
    }
}

package io.stagegate.intake;

/** What appending a request's events did: rows inserted, and events the inbox already held (re-deliveries). */
public record Appended(int accepted, int duplicates) {
}

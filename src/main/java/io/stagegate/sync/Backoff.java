package io.stagegate.sync;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter between half and all of the step, capped (inbox and outbox retries). */
final class Backoff {
    private Backoff() {
    }

    static Duration after(SyncConfig config, int attempts) {
        long base = config.backoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long step = Math.min(cap, base << Math.min(20, Math.max(0, attempts - 1)));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }
}

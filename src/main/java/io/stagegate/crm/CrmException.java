package io.stagegate.crm;

import java.time.Duration;
import java.time.Instant;

/**
 * A CRM call that failed, classified for the sync engine: {@link Retryable} (back off and try again),
 * {@link QuotaExhausted} (park until the quota recovers), or {@link Fatal} (configuration or credentials an admin
 * must fix; retrying cannot help). Messages never contain secrets.
 */
public abstract class CrmException extends RuntimeException {
    private final String crmCode;

    protected CrmException(String message, String crmCode, Throwable cause) {
        super(message, cause);
        this.crmCode = crmCode;
    }

    /** The CRM's own error code (e.g. UNABLE_TO_LOCK_ROW, RATE_LIMITS), when it gave one. */
    public String crmCode() {
        return crmCode;
    }

    /** Network errors, 5xx, 429, lock errors: retry with jittered backoff, at the earliest after {@link #retryAfter()}. */
    public static final class Retryable extends CrmException {
        private final Duration retryAfter;

        public Retryable(String message, String crmCode, Duration retryAfter, Throwable cause) {
            super(message, crmCode, cause);
            this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The daily API quota is (nearly) used up: stop calling until {@link #resumeAt()}. */
    public static final class QuotaExhausted extends CrmException {
        private final Instant resumeAt;

        public QuotaExhausted(String message, String crmCode, Instant resumeAt) {
            super(message, crmCode, null);
            this.resumeAt = resumeAt;
        }

        public Instant resumeAt() {
            return resumeAt;
        }
    }

    /** Wrong credentials, missing permissions, a field that does not exist: an admin must act. */
    public static final class Fatal extends CrmException {
        public Fatal(String message, String crmCode, Throwable cause) {
            super(message, crmCode, cause);
        }
    }
}

package io.stagegate.crm;

import java.time.Duration;
import java.time.Instant;

/**
 * A CRM call that failed, classified for the sync engine: {@link Retryable} (back off and try again),
 * {@link QuotaExhausted} (park until the quota recovers), or {@link Fatal} (configuration or credentials an admin
 * must fix; retrying cannot help). Messages never contain secrets.
 *
 * <p>The three are the only kinds: callers classify with a switch on {@link #kind()}, which the compiler checks for
 * completeness, and cast only to read the kind's own detail.
 */
public abstract sealed class CrmException extends RuntimeException
        permits CrmException.Retryable, CrmException.QuotaExhausted, CrmException.Fatal {

    /** What the caller does about a failure. */
    public enum Kind {
        /** Back off and try again. */
        RETRYABLE,
        /** Park until the quota recovers. */
        QUOTA_EXHAUSTED,
        /** Stop until an admin acts. */
        FATAL
    }

    private final String crmCode;

    protected CrmException(String message, String crmCode, Throwable cause) {
        super(message, cause);
        this.crmCode = crmCode;
    }

    /** The CRM's own error code (e.g. UNABLE_TO_LOCK_ROW, RATE_LIMITS), when it gave one. */
    public String crmCode() {
        return crmCode;
    }

    public abstract Kind kind();

    /** Network errors, 5xx, 429, lock errors: retry with jittered backoff, at the earliest after {@link #retryAfter()}. */
    public static final class Retryable extends CrmException {
        private final Duration retryAfter;

        public Retryable(String message, String crmCode, Duration retryAfter, Throwable cause) {
            super(message, crmCode, cause);
            this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
        }

        @Override
        public Kind kind() {
            return Kind.RETRYABLE;
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

        @Override
        public Kind kind() {
            return Kind.QUOTA_EXHAUSTED;
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

        @Override
        public Kind kind() {
            return Kind.FATAL;
        }
    }
}

package io.stagegate.crm;

import java.util.Objects;

/**
 * What became of one record of a batch write. {@code RETRY}: a transient per-record failure (a row lock); try again
 * later. {@code REJECTED}: the CRM refused the record (validation rule, deleted, field not writable): dead-letter it
 * with the CRM's code and message, the rest of the batch goes on.
 */
public record WriteOutcome(String id, Status status, String code, String message) {
    public enum Status { WRITTEN, RETRY, REJECTED }

    public WriteOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    public static WriteOutcome written(String id) {
        return new WriteOutcome(id, Status.WRITTEN, null, null);
    }
}

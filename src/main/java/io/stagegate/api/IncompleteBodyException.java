package io.stagegate.api;

/**
 * The request body stopped arriving or was cut off, or the client went away meanwhile; answered 408 (where the
 * connection can still carry an answer) without an error in the log.
 */
public final class IncompleteBodyException extends RuntimeException {
    public IncompleteBodyException(Throwable cause) {
        super("the request body did not arrive completely (it stalled or was cut off): " + cause.getMessage(), cause);
    }
}

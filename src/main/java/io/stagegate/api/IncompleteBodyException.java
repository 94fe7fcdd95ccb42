package io.stagegate.api;

/** The request body stopped arriving (the read timed out) or was cut off; answered 408, the client may send it again. */
public final class IncompleteBodyException extends RuntimeException {
    public IncompleteBodyException(Throwable cause) {
        super("the request body did not arrive completely (it stalled or was cut off): " + cause.getMessage(), cause);
    }
}

package io.stagegate.api;

import java.util.List;

/** Input that cannot be evaluated; mapped to a 400 problem that lists the records and fields at fault. */
public final class BadInputException extends RuntimeException {
    private final List<InputError> errors;
    private final long total;

    public BadInputException(String message, List<InputError> errors, long total) {
        super(message);
        this.errors = List.copyOf(errors);
        this.total = total;
    }

    public BadInputException(String message) {
        this(message, List.of(), 0);
    }

    public List<InputError> errors() {
        return errors;
    }

    /** How many errors there were in all; {@link #errors()} holds the first ones. */
    public long total() {
        return total;
    }
}

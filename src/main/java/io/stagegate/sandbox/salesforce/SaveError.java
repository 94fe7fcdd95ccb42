package io.stagegate.sandbox.salesforce;

import java.util.List;

/** One error of a record write, as collections report it: {@code {"statusCode","message","fields"}}. */
record SaveError(String statusCode, String message, List<String> fields) {
    SaveError {
        fields = List.copyOf(fields);
    }

    static SaveError of(String statusCode, String message, String... fields) {
        return new SaveError(statusCode, message, List.of(fields));
    }
}

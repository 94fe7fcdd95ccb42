package io.stagegate.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem with one input record: which record (0-based position, and the CSV line when the input is CSV), its id
 * when known, the field, and what is wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputError(int record, Integer line, String id, String field, String message) {
    /** Ids, field names and messages may carry input of any length; a problem document quotes only a prefix. */
    public InputError {
        id = Quote.prefix(id);
        field = Quote.prefix(field);
        message = Quote.prefix(message, Quote.MAX_MESSAGE_CHARS);
    }
}

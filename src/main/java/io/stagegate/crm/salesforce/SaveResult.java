package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The result of one record of a collection write; failed records may carry no id. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SaveResult(String id, boolean success, List<Error> errors) {
    SaveResult {
        errors = errors == null ? List.of() : errors;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String statusCode, String message, List<String> fields) {
    }
}

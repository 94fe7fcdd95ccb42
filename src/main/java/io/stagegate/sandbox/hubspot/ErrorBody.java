package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** HubSpot's error envelope: {@code {status, message, correlationId, category, subCategory?, errors?, context?, links?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(String status, String message, String correlationId, String category, String subCategory, List<Detail> errors,
        Map<String, List<String>> context, Map<String, String> links) {

    /** One entry of {@code errors}: {@code {message, code?, context?}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String message, String code, Map<String, List<String>> context) {
    }
}

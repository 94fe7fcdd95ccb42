package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One page of a SOQL query; {@code nextRecordsUrl} is present only while {@code done} is false. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QueryResult(int totalSize, boolean done, String nextRecordsUrl, List<JsonNode> records) {
    QueryResult {
        records = records == null ? List.of() : records;
    }
}

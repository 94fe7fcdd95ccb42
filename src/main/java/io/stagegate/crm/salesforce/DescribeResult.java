package io.stagegate.crm.salesforce;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The parts of {@code GET /sobjects/Opportunity/describe} the connector uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
record DescribeResult(String name, List<Field> fields, List<RecordTypeInfo> recordTypeInfos, List<ChildRelationship> childRelationships) {

    DescribeResult {
        fields = fields == null ? List.of() : fields;
        recordTypeInfos = recordTypeInfos == null ? List.of() : recordTypeInfos;
        childRelationships = childRelationships == null ? List.of() : childRelationships;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Field(String name, String type, boolean updateable, boolean filterable, int length, boolean restrictedPicklist,
                 List<PicklistValue> picklistValues) {
        Field {
            picklistValues = picklistValues == null ? List.of() : picklistValues;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PicklistValue(String value, boolean active) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordTypeInfo(String recordTypeId, String name, String developerName, boolean active, boolean master) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChildRelationship(String relationshipName, String childSObject) {
    }
}

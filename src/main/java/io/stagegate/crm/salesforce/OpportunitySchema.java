package io.stagegate.crm.salesforce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the org's describe of Opportunity says, indexed for lookups: which fields exist for the integration user (a
 * field hidden by field-level security is absent), their types, record types and child relationships.
 *
 * @param fetchedAt when the describe was read; sent back as {@code If-Modified-Since} to revalidate it for free
 */
record OpportunitySchema(Map<String, DescribeResult.Field> fields, List<DescribeResult.RecordTypeInfo> recordTypes,
                         List<DescribeResult.ChildRelationship> childRelationships, Instant fetchedAt) {

    static OpportunitySchema of(DescribeResult describe, Instant fetchedAt) {
        Map<String, DescribeResult.Field> byName = new LinkedHashMap<>();
        describe.fields().forEach(field -> byName.put(key(field.name()), field));
        return new OpportunitySchema(Map.copyOf(byName), List.copyOf(describe.recordTypeInfos()),
                List.copyOf(describe.childRelationships()), fetchedAt);
    }

    /** The field called {@code apiName} (API names are case-insensitive), if the integration user can see it. */
    Optional<DescribeResult.Field> field(String apiName) {
        return Optional.ofNullable(fields.get(key(apiName)));
    }

    boolean has(String apiName) {
        return fields.containsKey(key(apiName));
    }

    /** The describe type of a field ({@code boolean}, {@code currency}, {@code date}, ...), or null if unknown. */
    String typeOf(String apiName) {
        DescribeResult.Field field = fields.get(key(apiName));
        return field == null ? null : field.type();
    }

    boolean hasChildRelationship(String relationshipName) {
        return childRelationships.stream().anyMatch(child -> relationshipName.equalsIgnoreCase(child.relationshipName()));
    }

    /** The record type an id (15 or 18 characters) or developer name refers to. */
    Optional<DescribeResult.RecordTypeInfo> recordType(String idOrDeveloperName) {
        for (DescribeResult.RecordTypeInfo recordType : recordTypes) {
            String id = recordType.recordTypeId();
            if (idOrDeveloperName.equals(recordType.developerName())
                    || (id != null && (id.equals(idOrDeveloperName) || (idOrDeveloperName.length() == 15 && id.startsWith(idOrDeveloperName))))) {
                return Optional.of(recordType);
            }
        }
        return Optional.empty();
    }

    private static String key(String apiName) {
        return apiName.toLowerCase(Locale.ROOT);
    }
}

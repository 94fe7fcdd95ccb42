package io.stagegate.sandbox.salesforce;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One committed change of an opportunity, for push notifications and for telling writers apart.
 *
 * @param values the fields whose value changed (derived ones included), with their new values
 * @param actorUserId the user the change is attributed to (LastModifiedById)
 * @param client the {@code client=} of the writer's {@code Sforce-Call-Options} header, or {@code null}
 */
public record OpportunityChange(String opportunityId, Kind kind, Instant at, Map<String, Object> values, String actorUserId, String client) {
    public enum Kind { CREATE, UPDATE, DELETE, UNDELETE }

    public OpportunityChange {
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}

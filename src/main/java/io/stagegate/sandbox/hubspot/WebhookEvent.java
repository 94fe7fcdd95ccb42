package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One event of a webhook batch, in the field order of hubspot.md §7.2; property fields only on propertyChange events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookEvent(long eventId, long subscriptionId, long portalId, long appId, long occurredAt, String subscriptionType, int attemptNumber,
        long objectId, String propertyName, String propertyValue, String changeSource, String sourceId, String changeFlag) {

    WebhookEvent withAttempt(int attempt) {
        return new WebhookEvent(eventId, subscriptionId, portalId, appId, occurredAt, subscriptionType, attempt, objectId, propertyName, propertyValue,
                changeSource, sourceId, changeFlag);
    }
}

package io.stagegate.deploy;

import java.util.List;

/** The credentials the service reads, each a key of the chart's Secret (or of the operator's existingSecret). */
final class ChartSecrets {
    static final List<String> KEYS = List.of(
            "QUARKUS_DATASOURCE_PASSWORD",
            "STAGEGATE_SALESFORCE_CLIENT_SECRET",
            "STAGEGATE_SALESFORCE_PRIVATE_KEY",
            "STAGEGATE_SALESFORCE_OUTBOUND_SECRET",
            "STAGEGATE_SALESFORCE_EVENTS_SECRET",
            "STAGEGATE_HUBSPOT_CLIENT_SECRET",
            "STAGEGATE_HUBSPOT_ACCESS_TOKEN",
            "STAGEGATE_HUBSPOT_REFRESH_TOKEN",
            "STAGEGATE_ADMIN_TOKEN",
            "STAGEGATE_VIEWER_TOKEN",
            "STAGEGATE_OIDC_CLIENT_SECRET");

    private ChartSecrets() {
    }
}

package io.stagegate.sandbox.hubspot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks of the simulated portal: when {@code url} is set, deal changes are POSTed there as HubSpot webhook batches,
 * signed with the app's client secret ({@code stagegate.sandbox.hubspot.client-secret}).
 */
@ConfigMapping(prefix = "stagegate.sandbox.hubspot-push")
public interface HubSpotPushConfig {

    /** The target URL (one per app, as in HubSpot); unset = no webhooks. */
    Optional<String> url();

    /**
     * The subscribed properties ({@code deal.propertyChange}, one subscription each); unset = the standard inputs
     * (dealstage, amount, pipeline, closedate, hubspot_owner_id, deal_currency_code, dealname) and every criteria
     * property of the playbook.
     */
    Optional<List<String>> properties();

    /** Subscribe to {@code deal.creation}. */
    @WithDefault("true")
    boolean creation();

    /** Subscribe to {@code deal.deletion} (archiving). */
    @WithDefault("true")
    boolean deletion();

    /** How long changes are collected before a batch is sent (batches hold at most 100 events). */
    @WithDefault("PT0.2S")
    Duration batchDelay();

    /** A delivery not answered within this time failed (HubSpot: 5 seconds). */
    @WithDefault("PT5S")
    Duration timeout();

    /** Retries after a failed delivery (HubSpot: up to 10). */
    @WithDefault("10")
    int maxRetries();

    /** The delay before the first retry; each further retry waits twice as long, up to {@code max-retry-delay}. */
    @WithDefault("PT1S")
    Duration firstRetryDelay();

    @WithDefault("PT15M")
    Duration maxRetryDelay();

    /** Requests in flight at once (HubSpot's default maxConcurrentRequests). */
    @WithDefault("10")
    int maxConcurrentRequests();
}

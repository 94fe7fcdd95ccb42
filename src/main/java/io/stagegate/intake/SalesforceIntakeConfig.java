package io.stagegate.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * What Salesforce may push: Outbound Messages (authenticated by the org id and a secret in the endpoint URL, since
 * they cannot be signed) and signed JSON events from Flow or Apex. Secrets have no default and come only from the
 * environment; an endpoint whose secret is absent answers 503.
 */
@ConfigMapping(prefix = "stagegate.salesforce")
public interface SalesforceIntakeConfig {

    /** The org (15 or 18 characters) whose Outbound Messages are accepted; absent = any org, with a warning at start. */
    Optional<String> organizationId();

    /** The {@code ?token=} that Outbound Message endpoint URLs carry. Secret: no default. */
    Optional<String> outboundSecret();

    /** The HMAC-SHA256 key of {@code X-Stagegate-Signature} on signed events. Secret: no default. */
    Optional<String> eventsSecret();

    /** How far a signed event's timestamp may be from this server's clock, either way (replay window). */
    @WithDefault("5m")
    Duration eventsTolerance();
}

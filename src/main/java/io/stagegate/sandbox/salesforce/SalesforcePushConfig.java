package io.stagegate.sandbox.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Optional push of the simulated org's opportunity changes as SOAP Outbound Messages. */
@ConfigMapping(prefix = "stagegate.sandbox.salesforce-push")
public interface SalesforcePushConfig {

    /** Where to POST Outbound Messages; none are sent when absent. */
    Optional<URI> outboundUrl();

    /** The instance URL the messages name in EnterpriseUrl and PartnerUrl. */
    @WithDefault("http://localhost:8080/sandbox/salesforce")
    String instanceUrl();

    /** First retry delay after a failed delivery; doubles on each failure (Salesforce starts at a few seconds). */
    @WithDefault("2000")
    long initialBackoffMs();

    /** Longest delay between retries (Salesforce: 2 hours). */
    @WithDefault("7200000")
    long maxBackoffMs();

    /** Notifications still undelivered after this long are dropped (Salesforce: 24 hours). */
    @WithDefault("86400")
    long maxAgeSeconds();
}

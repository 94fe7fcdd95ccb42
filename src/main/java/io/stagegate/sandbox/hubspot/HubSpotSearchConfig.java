package io.stagegate.sandbox.hubspot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The search endpoint's own rate limit (HubSpot: 5 requests per second per account), off by default like the burst limit. */
@ConfigMapping(prefix = "stagegate.sandbox.hubspot-search")
public interface HubSpotSearchConfig {

    /** Search requests allowed per second; 0 = unlimited. Past it, search answers 429 "You have reached your secondly limit.". */
    @WithDefault("0")
    int perSecond();
}

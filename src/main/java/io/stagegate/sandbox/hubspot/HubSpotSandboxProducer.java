package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.Crm;
import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.ActivePlaybook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.SandboxConfig;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Wires the simulated HubSpot portal. It starts empty: whoever owns the synthetic org fills it through
 * {@link HubSpotPortal#seed}.
 */
class HubSpotSandboxProducer {
    static final String DEFAULT_PLAYBOOK = "playbooks/default-hubspot.yaml";

    /**
     * The portal runs the active playbook when it is written for HubSpot, else the shipped HubSpot default. A singleton, not
     * a proxied bean: the API reads the portal's package-private parts directly.
     */
    @Produces
    @Singleton
    HubSpotPortal portal(ActivePlaybook active, SandboxConfig config, Clock clock) {
        Playbook current = active.current().playbook();
        Playbook playbook = current.crm() == Crm.HUBSPOT ? current : PlaybookLoader.fromClasspath(DEFAULT_PLAYBOOK);
        return new HubSpotPortal(playbook, clock, config.hubspot().appId());
    }
}

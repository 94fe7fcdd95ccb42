package io.stagegate.crm;

import io.stagegate.criteria.Crm;

/**
 * What a gateway is connected to, as the sync needs to know it: whether a connection is configured at all, where it
 * points, and whether that is the sandbox embedded in this very instance (which the sync may call only once this
 * instance's HTTP server listens, and which it writes back to by default).
 *
 * @param crm        the CRM the gateway speaks to
 * @param vendor     the CRM's name for people (e.g. {@code Salesforce})
 * @param configured whether a connection is configured; an unconfigured gateway is never driven
 * @param location   the base URL (or instance) connected to, for people and logs
 * @param embedded   whether the target is the simulator served by this instance
 */
public record CrmTarget(Crm crm, String vendor, boolean configured, String location, boolean embedded) {

    /** Where the sync reads from, for people. */
    public String describe() {
        return embedded ? "the embedded " + vendor + " sandbox" : vendor + " at " + location;
    }
}

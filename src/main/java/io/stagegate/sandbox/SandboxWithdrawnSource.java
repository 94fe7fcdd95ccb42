package io.stagegate.sandbox;

import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Switches the embedded sandbox off in an instance that serves the product against a real CRM: its simulated API is
 * not served (404), no org is seeded, no simulated rep acts and nothing is pushed. A production deployment then has no
 * simulated CRM anyone could reach or confuse with the real one, whatever {@code STAGEGATE_SANDBOX_ENABLED} says.
 */
final class SandboxWithdrawnSource implements ConfigSource {
    /** Above system properties (400), like the embedded connection: only a test profile's overrides rank higher. */
    private static final int ORDINAL = 450;
    private static final String ENABLED = "stagegate.sandbox.enabled";

    /** None listed, for the reason given in {@link EmbeddedSalesforceSource#getPropertyNames()}. */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return ENABLED.equals(propertyName) ? "false" : null;
    }

    @Override
    public String getName() {
        return "stagegate-sandbox-withdrawn-for-a-real-crm";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}

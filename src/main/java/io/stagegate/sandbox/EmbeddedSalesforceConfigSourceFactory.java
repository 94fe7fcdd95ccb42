package io.stagegate.sandbox;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Wires the embedded default from the simulator's side: when no CRM is configured ({@code STAGEGATE_SALESFORCE_ENABLED}
 * not true), the sandbox runs, this instance serves the product and the shipped Salesforce playbook is active, the
 * Salesforce connector's connection properties are set to this instance's own simulated org, so that a newcomer sees
 * the whole loop with no configuration. The product knows nothing of this: it reads {@code stagegate.salesforce.*}.
 * Once a real CRM is configured, it withdraws the sandbox instead ({@link SandboxWithdrawnSource}).
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class EmbeddedSalesforceConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (applies(context)) {
            return List.of(new EmbeddedSalesforceSource());
        }
        return servesARealCrm(context) ? List.of(new SandboxWithdrawnSource()) : List.of();
    }

    /** A product instance connected to a CRM of its own: the embedded sandbox is withdrawn ({@link SandboxWithdrawnSource}). */
    static boolean servesARealCrm(ConfigSourceContext context) {
        return (value(context, "stagegate.salesforce.enabled", "false").equals("true")
                || value(context, "stagegate.hubspot.enabled", "false").equals("true"))
                && value(context, "stagegate.mode", "service").equals("service");
    }

    static boolean applies(ConfigSourceContext context) {
        return !value(context, "stagegate.salesforce.enabled", "false").equals("true")
                && !value(context, "stagegate.hubspot.enabled", "false").equals("true")
                && value(context, "stagegate.sandbox.enabled", "true").equals("true")
                && value(context, "stagegate.mode", "service").equals("service")
                && value(context, "stagegate.playbook.crm", "salesforce").equals("salesforce")
                && value(context, "stagegate.playbook.file", "").isEmpty();
    }

    private static String value(ConfigSourceContext context, String name, String otherwise) {
        ConfigValue value = context.getValue(name);
        String text = value == null ? null : value.getValue();
        return text == null ? otherwise : text.trim().toLowerCase(Locale.ROOT);
    }
}

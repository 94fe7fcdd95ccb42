package io.stagegate.sandbox;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The embedded default for HubSpot, as {@link EmbeddedSalesforceConfigSourceFactory} is for Salesforce: when no CRM is
 * configured, the sandbox runs, this instance serves the product and the active playbook is a HubSpot one (the shipped
 * default through {@code STAGEGATE_PLAYBOOK_CRM=hubspot}, or a playbook file saying {@code crm: hubspot}), the HubSpot
 * connector's connection properties are set to this instance's simulated portal. The product knows nothing of this: it
 * reads {@code stagegate.hubspot.*}. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class EmbeddedHubSpotConfigSourceFactory implements ConfigSourceFactory {
    private static final Pattern HUBSPOT_PLAYBOOK = Pattern.compile("(?m)^crm:\\s*[\"']?hubspot[\"']?\\s*(#.*)?$");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return applies(context) ? List.of(new EmbeddedHubSpotSource()) : List.of();
    }

    static boolean applies(ConfigSourceContext context) {
        return !value(context, "stagegate.hubspot.enabled", "false").equals("true")
                && !value(context, "stagegate.salesforce.enabled", "false").equals("true")
                && value(context, "stagegate.sandbox.enabled", "true").equals("true")
                && value(context, "stagegate.mode", "service").equals("service")
                && hubspotPlaybook(context);
    }

    private static boolean hubspotPlaybook(ConfigSourceContext context) {
        ConfigValue file = context.getValue("stagegate.playbook.file");
        String path = file == null || file.getValue() == null ? "" : file.getValue().trim();
        if (path.isEmpty()) {
            return value(context, "stagegate.playbook.crm", "salesforce").equals("hubspot");
        }
        try {
            return HUBSPOT_PLAYBOOK.matcher(Files.readString(Path.of(path), StandardCharsets.UTF_8)).find();
        } catch (IOException | RuntimeException unreadable) {
            return false; // the playbook loader reports an unreadable file, with its path
        }
    }

    private static String value(ConfigSourceContext context, String name, String otherwise) {
        ConfigValue value = context.getValue(name);
        String text = value == null ? null : value.getValue();
        return text == null ? otherwise : text.trim().toLowerCase(Locale.ROOT);
    }
}

package io.stagegate.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every environment variable the service reads, found in its own configuration rather than listed by hand: each
 * {@code @ConfigMapping} property (Quarkus maps {@code stagegate.sync.poll-interval} to
 * {@code STAGEGATE_SYNC_POLL_INTERVAL}), each {@code @ConfigProperty} name, each {@code ${VAR}} in
 * application.properties, and the datasource settings that decide between the external and the embedded PostgreSQL.
 */
final class ServiceConfiguration {
    /** Read by Quarkus itself (and by EmbeddedDatabase to decide whether to start an embedded PostgreSQL). */
    static final List<String> DATASOURCE = List.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    private static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path COMPILED = Path.of("target", "classes");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern ALIASED = Pattern.compile("^([a-z][a-z0-9.\\-]*)=\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}$");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([a-z0-9.\\-]+)\"");

    private ServiceConfiguration() {
    }

    /** Computed once: the scan reads every compiled class of the service. */
    static Set<String> environmentVariables() {
        return Scanned.VARIABLES;
    }

    private static final class Scanned {
        static final Set<String> VARIABLES = Collections.unmodifiableSet(scan());
    }

    private static Set<String> scan() {
        Set<String> names = new TreeSet<>(DATASOURCE);
        Map<String, String> aliases = aliases();
        mappedProperties().forEach(property -> names.add(aliases.getOrDefault(property, toEnv(property))));
        names.addAll(placeholders());
        configProperties().stream().filter(p -> p.startsWith("stagegate.")).forEach(p -> names.add(toEnv(p)));
        names.removeAll(SET_BY_THE_SERVICE);
        return names;
    }

    /**
     * Properties that the service's own config sources set, never an operator: the embedded sandbox marks the connection
     * it supplies as its own (sandbox/EmbeddedSalesforceConfigSourceFactory). Listing them as variables would invite
     * an admin to set them.
     */
    static final Set<String> SET_BY_THE_SERVICE = Set.of("STAGEGATE_SALESFORCE_EMBEDDED_SANDBOX", "STAGEGATE_HUBSPOT_EMBEDDED_SANDBOX");

    /** Quarkus' rule: upper case, and every character that is not a letter or a digit becomes an underscore. */
    static String toEnv(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The properties of every {@code @ConfigMapping} interface among the service's compiled classes. */
    static Set<String> mappedProperties() {
        Set<String> properties = new TreeSet<>();
        try (Stream<Path> files = Files.walk(COMPILED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = COMPILED.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    collect(type, mapping.prefix(), properties);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (properties.isEmpty()) {
            throw new AssertionError("no @ConfigMapping interface found in " + COMPILED + ": the scan is broken");
        }
        return properties;
    }

    private static Class<?> load(String name) {
        try {
            // not initialised: reading annotations must not run the service's static code
            return Class.forName(name, false, ServiceConfiguration.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class " + name + " is not on the test class path", e);
        }
    }

    private static void collect(Class<?> group, String prefix, Set<String> properties) {
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() != 0) {
                continue;
            }
            WithName explicit = method.getAnnotation(WithName.class);
            String name = prefix + "." + (explicit != null ? explicit.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("io.stagegate")) {
                collect(type, name, properties);
            } else {
                properties.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Properties that application.properties sets from a variable of another name ({@code stagegate.engine.zone} from
     * {@code STAGEGATE_ZONE}): that variable is the documented one.
     */
    static Map<String, String> aliases() {
        Map<String, String> aliases = new TreeMap<>();
        for (String line : read(PROPERTIES).split("\n")) {
            Matcher assignment = ALIASED.matcher(line.trim());
            if (assignment.matches()) {
                aliases.put(assignment.group(1), assignment.group(2));
            }
        }
        return aliases;
    }

    static Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(read(PROPERTIES));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static Set<String> configProperties() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = CONFIG_PROPERTY.matcher(read(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

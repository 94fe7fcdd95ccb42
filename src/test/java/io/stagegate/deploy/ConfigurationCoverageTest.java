package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Configuration in one place: every variable the service reads is documented in .env.example and reaches the pod
 * through the chart, so a new setting cannot ship without both.
 */
class ConfigurationCoverageTest {
    static final Path ENV_EXAMPLE = Path.of(".env.example");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");

    /**
     * What the chart deliberately does not offer: the simulated CRMs (the chart switches them off with
     * STAGEGATE_SANDBOX_ENABLED=false) and the switches that let tests drive the sync engine step by step.
     */
    static boolean outsideTheChart(String variable) {
        return (variable.startsWith("STAGEGATE_SANDBOX_") && !variable.equals("STAGEGATE_SANDBOX_ENABLED"))
                || variable.equals("STAGEGATE_SYNC_SCHEDULED") || variable.equals("STAGEGATE_SYNC_START_DELAY");
    }

    /** The assignments of .env.example in file order, each with the comment block it stands under. */
    static Map<String, String> envExample() {
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String comment = null;
        int number = 0;
        for (String line : ServiceConfiguration.read(ENV_EXAMPLE).split("\n", -1)) {
            number++;
            if (line.isBlank()) {
                comment = null;
            } else if (line.startsWith("#")) {
                comment = comment == null ? line : comment + "\n" + line;
            } else {
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (!assignment.matches()) {
                    problems.add("line " + number + " is neither a comment nor VAR=value: " + line);
                } else if (comment == null) {
                    problems.add("line " + number + ": " + assignment.group(1) + " has no comment above it");
                } else if (documented.put(assignment.group(1), comment) != null) {
                    problems.add("line " + number + ": " + assignment.group(1) + " is listed twice");
                }
            }
        }
        assertThat(problems).as(".env.example").isEmpty();
        return documented;
    }

    @Test
    void findsTheServicesVariablesInItsOwnConfiguration() {
        Set<String> read = ServiceConfiguration.environmentVariables();

        // a sample from each source, so that a broken scan cannot pass the tests below with an empty list
        assertThat(read).contains("PORT", "STAGEGATE_SYNC_POLL_INTERVAL", "STAGEGATE_SALESFORCE_PRIVATE_KEY",
                "STAGEGATE_SANDBOX_SALESFORCE_LIMITS_DAILY_QUOTA", "STAGEGATE_HUBSPOT_WEBHOOK_BASE_URL", "STAGEGATE_MODE",
                "QUARKUS_DATASOURCE_JDBC_URL", "STAGEGATE_LOG_JSON", "STAGEGATE_INTAKE_MAX_BODY_SIZE");
        assertThat(ServiceConfiguration.toEnv("stagegate.sandbox.hubspot-push.max-retry-delay"))
                .isEqualTo("STAGEGATE_SANDBOX_HUBSPOT_PUSH_MAX_RETRY_DELAY");
    }

    @Test
    void envExampleListsEveryVariableTheServiceReadsWithAComment() {
        Set<String> missing = new TreeSet<>(ServiceConfiguration.environmentVariables());
        missing.removeAll(envExample().keySet());

        assertThat(missing).as("variables the service reads that .env.example does not list").isEmpty();
    }

    @Test
    void envExampleListsNothingTheServiceDoesNotRead() {
        Set<String> stale = new TreeSet<>(envExample().keySet());
        stale.removeAll(ServiceConfiguration.environmentVariables());

        assertThat(stale).as("variables in .env.example that nothing reads").isEmpty();
    }

    @Test
    void envExampleGivesNoSecretAValue() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : ServiceConfiguration.read(ENV_EXAMPLE).split("\n")) {
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (assignment.matches()) {
                values.put(assignment.group(1), assignment.group(2));
            }
        }
        for (String secret : ChartSecrets.KEYS) {
            assertThat(values).as("secret " + secret).containsEntry(secret, "");
        }
    }

    @Test
    void theChartSetsEveryVariableTheServiceReads() {
        Manifests full = Chart.render("full-values.yaml");
        Container container = HelmChartTest.container(full);
        Set<String> rendered = new TreeSet<>(HelmChartTest.envConfigMap(full).getData().keySet());
        container.getEnv().stream().map(EnvVar::getName).forEach(rendered::add);

        Set<String> missing = new TreeSet<>(ServiceConfiguration.environmentVariables());
        missing.removeIf(ConfigurationCoverageTest::outsideTheChart);
        missing.removeAll(rendered);

        assertThat(missing).as("variables the service reads that helm/stagegate with ci/full-values.yaml does not set").isEmpty();
        assertThat(rendered).as("every variable the chart sets is one the service or its image reads")
                .allSatisfy(name -> assertThat(ServiceConfiguration.environmentVariables().contains(name)
                        || name.equals("JAVA_OPTS_APPEND") || name.equals("TZ")).as(name).isTrue());
    }

    @Test
    void theChartsSecretKeysAreTheServicesSecretVariables() {
        Set<String> read = ServiceConfiguration.environmentVariables();

        assertThat(read).containsAll(ChartSecrets.KEYS);
        // every variable whose .env.example comment calls it a secret is read from the Secret
        Set<String> calledSecret = new TreeSet<>();
        envExample().forEach((name, comment) -> {
            String own = comment.lines().reduce((first, last) -> last).orElse("");
            if (own.contains("Secret: no default") && !name.startsWith("STAGEGATE_SANDBOX_")) {
                calledSecret.add(name);
            }
        });
        assertThat(calledSecret).isNotEmpty();
        assertThat(ChartSecrets.KEYS).containsAll(calledSecret);
    }
}

package io.stagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/compose, read as compose would (there is no Docker here): services, health gates, hardening, variables. */
class ComposeTest {
    private static final Path COMPOSE = Path.of("deploy", "compose", "compose.yaml");
    private static final Path SANDBOX_ENV = Path.of("deploy", "compose", "sandbox.env");
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?}");
    /** Compose-only knobs (published ports, the host's playbook file), not read by the service. */
    static final Set<String> COMPOSE_ONLY = Set.of("STAGEGATE_HTTP_PORT", "STAGEGATE_SANDBOX_HTTP_PORT", "STAGEGATE_PLAYBOOK_HOST_FILE");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> compose = new Yaml().load(ServiceConfiguration.read(COMPOSE));
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service(name).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @Test
    @SuppressWarnings("unchecked")
    void startsStagegateOnlyOnceItsPostgresIsHealthy() {
        Map<String, Object> postgres = service("postgres");
        Map<String, Object> stagegate = service("stagegate");

        assertThat((List<String>) ((Map<String, Object>) postgres.get("healthcheck")).get("test")).anySatisfy(part -> assertThat(part).contains("pg_isready"));
        assertThat((Map<String, Object>) stagegate.get("depends_on")).containsEntry("postgres", Map.of("condition", "service_healthy"));
        assertThat(String.join(" ", (List<String>) ((Map<String, Object>) stagegate.get("healthcheck")).get("test"))).contains("/q/health/ready");
        assertThat(((Map<String, Object>) stagegate.get("build")).get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
        assertThat(environment("stagegate")).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + environment("stagegate").get("QUARKUS_DATASOURCE_REACTIVE_URL"))
                .containsEntry("STAGEGATE_SANDBOX_ENABLED", "false");
        assertThat(environment("stagegate").get("QUARKUS_DATASOURCE_REACTIVE_URL")).contains("//postgres:5432/");
        // the password is demanded, never defaulted
        assertThat(environment("stagegate").get("QUARKUS_DATASOURCE_PASSWORD")).startsWith("${QUARKUS_DATASOURCE_PASSWORD:?");
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsBothStagegateProcessesHardened() {
        for (String name : List.of("stagegate", "sandbox")) {
            Map<String, Object> service = service(name);
            assertThat(service.get("read_only")).as(name).isEqualTo(true);
            assertThat(service.get("user")).as(name).isEqualTo("185");
            assertThat((List<String>) service.get("cap_drop")).as(name).containsExactly("ALL");
            assertThat((List<String>) service.get("security_opt")).as(name).contains("no-new-privileges:true");
            assertThat((List<String>) service.get("tmpfs")).as(name).anySatisfy(mount -> assertThat(mount).startsWith("/tmp:"));
        }
    }

    @Test
    void passesEveryVariableTheChartCoversAndNothingTheServiceDoesNotRead() {
        Set<String> read = ServiceConfiguration.environmentVariables();
        Map<String, String> stagegate = environment("stagegate");
        Set<String> missing = new TreeSet<>(read);
        missing.removeIf(ConfigurationCoverageTest::outsideTheChart);
        missing.removeAll(stagegate.keySet());

        assertThat(missing).as("variables the service reads that the compose service does not pass").isEmpty();
        for (String name : List.of("stagegate", "sandbox")) {
            assertThat(environment(name).keySet()).as(name).allSatisfy(key -> assertThat(read).contains(key));
        }
        Set<String> interpolated = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(ServiceConfiguration.read(COMPOSE));
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
        }
        interpolated.removeAll(COMPOSE_ONLY);
        assertThat(interpolated).as("variables compose takes from .env").allSatisfy(key -> assertThat(read).contains(key));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSandboxProfileClosesTheLoopInCompose() {
        Map<String, Object> sandbox = service("sandbox");
        Map<String, String> demo = new LinkedHashMap<>();
        ServiceConfiguration.read(SANDBOX_ENV).lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> demo.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        String sandboxOrg = ServiceConfiguration.read(Path.of("src", "main", "resources", "application.properties")).lines()
                .filter(line -> line.startsWith("%test.stagegate.salesforce.organization-id=")).findFirst().orElseThrow().split("=", 2)[1];

        assertThat((List<String>) sandbox.get("profiles")).containsExactly("sandbox");
        assertThat(sandbox.get("image")).isEqualTo(service("stagegate").get("image"));
        assertThat(sandbox.get("build")).as("built like Stagegate, never pulled").isEqualTo(service("stagegate").get("build"));
        assertThat(environment("sandbox")).containsEntry("STAGEGATE_MODE", "sandbox");
        assertThat(service("stagegate")).doesNotContainKey("profiles");
        assertThat(demo.keySet()).allSatisfy(key -> assertThat(ServiceConfiguration.environmentVariables()).contains(key));
        // Stagegate logs in to the sandbox service with the simulator's credentials ...
        assertThat(demo).containsEntry("STAGEGATE_SALESFORCE_ENABLED", "true")
                .containsEntry("STAGEGATE_SALESFORCE_LOGIN_URL", "http://sandbox:8080/sandbox/salesforce")
                .containsEntry("STAGEGATE_SALESFORCE_AUTH_FLOW", "client-credentials")
                .containsEntry("STAGEGATE_SALESFORCE_CLIENT_ID", "demo").containsEntry("STAGEGATE_SALESFORCE_CLIENT_SECRET", "demo");
        // ... and the sandbox pushes its org's Outbound Messages to Stagegate with the token Stagegate expects
        assertThat(demo.get("STAGEGATE_SANDBOX_SALESFORCE_PUSH_OUTBOUND_URL"))
                .isEqualTo("http://stagegate:8080/webhooks/salesforce/outbound?token=" + demo.get("STAGEGATE_SALESFORCE_OUTBOUND_SECRET"));
        assertThat(demo).containsEntry("STAGEGATE_SALESFORCE_ORGANIZATION_ID", sandboxOrg);
        assertThat(environment("sandbox")).containsEntry("STAGEGATE_SANDBOX_SALESFORCE_PUSH_INSTANCE_URL", "http://sandbox:8080/sandbox/salesforce");
    }
}
